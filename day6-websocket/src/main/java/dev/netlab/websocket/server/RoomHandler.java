package dev.netlab.websocket.server;

import dev.netlab.websocket.connection.WebSocketConnection;
import dev.netlab.websocket.connection.WebSocketHandler;
import dev.netlab.websocket.message.Message;
import dev.netlab.websocket.room.BroadcastRoom;
import dev.netlab.websocket.room.RoomMember;
import dev.netlab.websocket.sse.EventLog;
import java.io.IOException;

/** Joins each connection to a {@link BroadcastRoom}; every message it sends goes to everyone in the room, itself included. */
public final class RoomHandler implements WebSocketHandler {
    private final BroadcastRoom room;
    private final EventLog mirror;
    private BroadcastRoom.Member member;

    public RoomHandler(BroadcastRoom room) {
        this(room, null);
    }

    /** Also appends every text message to {@code mirror} as a {@code chat} event (null: no mirror). */
    public RoomHandler(BroadcastRoom room, EventLog mirror) {
        this.room = room;
        this.mirror = mirror;
    }

    @Override
    public void onOpen(WebSocketConnection connection) {
        member = room.join(new RoomMember() {
            @Override
            public void send(Message message) throws IOException {
                connection.send(message);
            }

            @Override
            public void close(int code, String reason) {
                connection.close(code, reason);
            }

            @Override
            public void abort() {
                connection.abort();
            }
        });
    }

    @Override
    public void onMessage(WebSocketConnection connection, Message message) {
        room.broadcast(message);
        if (mirror != null && message.isText()) {
            mirror.append("chat", message.text());
        }
    }

    @Override
    public void onClose(WebSocketConnection connection, int code, String reason) {
        if (member != null) {
            room.leave(member);
        }
    }
}
