package dev.netlab.chat.service;

import dev.netlab.chat.room.Outbound;
import java.io.IOException;

/**
 * One client connection as the chat sees it, whatever carries it: a WebSocket over an
 * HTTP/1.1 upgrade (day 6 over day 3, on day 4's TLS), a WebSocket over an HTTP/2 stream
 * (RFC 8441, day 5), or a test. The transport reads text messages and hands each to
 * {@link ChatSession#onText}; it calls {@link ChatSession#onClosed} once when the connection
 * is gone.
 */
public interface ChatLink {
    /** Sends one text message. Called only from the session's writer thread; may block while the peer is slow. */
    void send(String text) throws IOException;

    /**
     * Sends one server message that may go to many members: a transport that can send
     * {@link Outbound#utf8()} as it is (never changing it) saves encoding it again per member.
     */
    default void send(Outbound frame) throws IOException {
        send(frame.frame());
    }

    /**
     * Sends {@code frame}, saying whether the writer sends another one right after it: a transport
     * may then hold this one and write both together (one TLS record, one syscall: see day 7's
     * {@code CorkedOutput}). The last frame of a run is sent with {@code more} false, and a frame
     * held past a send is written by whatever the transport writes next (a Ping, a Close).
     */
    default void send(Outbound frame, boolean more) throws IOException {
        send(frame);
    }

    /** Starts the close handshake with a WebSocket close code (RFC 6455 §7.4); idempotent, any thread. */
    void close(int code, String reason);

    /**
     * Closes the connection at once, without a closing handshake: the slow-consumer policy's last
     * step for a peer that reads nothing, whose send is blocked on a platform thread (one that an
     * interrupt does not wake: see {@link WriterPool}). Idempotent, any thread, never blocks.
     */
    void abort();

    /** Who is at the other end, for logs: {@code 127.0.0.1:53124}. */
    String peer();
}
