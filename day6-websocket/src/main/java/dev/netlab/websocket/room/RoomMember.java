package dev.netlab.websocket.room;

import dev.netlab.websocket.message.Message;
import java.io.IOException;

/** One receiver in a {@link BroadcastRoom}: in the server, a WebSocket connection; in tests, anything. */
public interface RoomMember {
    /** Sends one message; may block while the receiver's TCP window is full. */
    void send(Message message) throws IOException;

    /** Starts a closing handshake with {@code code}; may block behind a send that is stuck. */
    void close(int code, String reason);

    /** Closes the transport at once (unblocks a stuck send). */
    void abort();
}
