package dev.netlab.chat.ws;

import dev.netlab.chat.ChatException;
import dev.netlab.chat.room.Outbound;
import dev.netlab.chat.service.ChatLink;
import dev.netlab.chat.service.ChatService;
import dev.netlab.chat.service.ChatSession;
import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.Opcode;
import dev.netlab.websocket.connection.WebSocketConnection;
import dev.netlab.websocket.connection.WebSocketHandler;
import dev.netlab.websocket.message.Message;
import java.io.IOException;

/**
 * One chat connection on YOUR day-6 engine (given): the seam between a
 * {@link WebSocketConnection} (frames, masking, UTF-8, close, ping/pong, deflate) and a
 * {@link ChatSession} (the chat's JSON). It is the {@link ChatLink} the session writes to and the
 * {@link WebSocketHandler} the engine reads into; the same class serves a WebSocket over an
 * HTTP/1.1 upgrade and over an HTTP/2 stream (RFC 8441): the engine cannot tell them apart.
 *
 * <pre>
 *   engine reader thread ──onMessage(text)──► session.onText ──► sequencer
 *   session writer thread ──send(text)──► engine.sendText ──► a text frame
 * </pre>
 */
final class ChatSocket implements WebSocketHandler, ChatLink {
    private final ChatService chat;
    private final String peer;
    private volatile WebSocketConnection connection;
    private volatile ChatSession session;
    /** The connection's output, which holds a run of frames for one write (null: none, every frame is written). */
    private final CorkedOutput cork;

    ChatSocket(ChatService chat, String peer, CorkedOutput cork) {
        this.chat = chat;
        this.peer = peer;
        this.cork = cork;
    }

    @Override
    public void onOpen(WebSocketConnection c) {
        connection = c;
        try {
            session = chat.open(this);
        } catch (ChatException e) {
            // over the connection cap (1013) or shutting down (1001): the close code says which
            c.close(e.code().closeCode(), e.getMessage());
        }
    }

    @Override
    public void onMessage(WebSocketConnection c, Message message) {
        ChatSession s = session;
        if (s == null) {
            return;
        }
        if (!message.isText()) {
            // RFC 6455 §7.4.1: 1003 "a type of data it cannot accept (e.g., an endpoint that understands only text data)"
            c.close(CloseCode.UNSUPPORTED_DATA.code(), "the chat speaks JSON text frames");
            return;
        }
        s.onText(message.text());
    }

    @Override
    public void onClose(WebSocketConnection c, int code, String reason) {
        ChatSession s = session;
        if (s != null) {
            s.onClosed();
        }
    }

    @Override
    public void send(String text) throws IOException {
        connection.sendText(text);
    }

    @Override
    public void send(Outbound frame) throws IOException {
        // the room's octets, shared by every member (a Message is only a type and a payload)
        connection.send(new Message(Opcode.TEXT, frame.utf8()));
    }

    @Override
    public void send(Outbound frame, boolean more) throws IOException {
        if (cork == null || !more) {
            send(frame);
            return;
        }
        // held for the next send of this writer; the engine writes one frame at a time, and a Ping or a Close
        // written after this call (the cork is off again) takes the held frames along
        cork.corked(true);
        try {
            send(frame);
        } finally {
            cork.corked(false);
        }
    }

    @Override
    public void close(int code, String reason) {
        WebSocketConnection c = connection;
        if (c != null) {
            c.close(code, reason);
        }
    }

    @Override
    public void abort() {
        WebSocketConnection c = connection;
        if (c != null) {
            c.abort();
        }
    }

    @Override
    public String peer() {
        return peer;
    }
}
