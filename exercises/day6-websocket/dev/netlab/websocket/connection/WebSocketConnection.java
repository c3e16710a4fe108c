package dev.netlab.websocket.connection;

import dev.netlab.kit.StubException;
import dev.netlab.websocket.WireInput;
import dev.netlab.websocket.frame.FrameReader;
import dev.netlab.websocket.frame.FrameWriter;
import dev.netlab.websocket.message.Message;
import dev.netlab.websocket.message.MessageAssembler;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

/**
 * One WebSocket connection after the handshake, over any pair of byte streams (a socket, a TLS
 * socket, an HTTP/2 stream): reads frames, answers Pings, assembles messages for the handler,
 * runs the closing handshake, and fails the connection with the right close code.
 *
 * <pre>
 *            send Close                       receive Close (echo it, close TCP)
 *   OPEN ─────────────────▶ CLOSE_SENT ──────────────────────────────────────▶ CLOSED
 *     │ receive Close: echo it, close TCP (the server closes first, §7.1.1)        ▲
 *     └──────────────────────────────────────────────────────────────────────────┘
 *     a protocol error: send Close with its code, close TCP;  EOF or I/O error: CLOSED (1006)
 * </pre>
 *
 * {@link #run()} is the reading loop (blocking, one thread per connection); the send methods
 * may be called from any thread; {@link #tick} runs the timers.
 */
public final class WebSocketConnection {
    /** Where the closing handshake stands (RFC 6455 §7). */
    public enum State { OPEN, CLOSE_SENT, CLOSED }

    public WebSocketConnection(InputStream in, OutputStream out, Closeable transport, ConnectionSettings settings,
                               WebSocketHandler handler) {
        // keep everything in fields; build a FrameReader, a FrameWriter, a MessageAssembler, a KeepAlive, and with settings.deflate() an inflater and a deflater
    }

    /** Over a {@link WireInput} that may already hold octets read past the handshake. */
    public WebSocketConnection(WireInput in, OutputStream out, Closeable transport, ConnectionSettings settings,
                               WebSocketHandler handler) {
        // keep everything in fields; build a FrameReader, a FrameWriter, a MessageAssembler, a KeepAlive, and with settings.deflate() an inflater and a deflater
    }

    public State state() {
        throw StubException.notImplemented("6.09", "The connection: ping/pong, messages, the closing handshake", "day6-websocket/README.md#the-connection");
    }

    /**
     * Reads and handles frames until the connection is closed; calls the handler's onOpen first and onClose
     * last, once (with the code of the Close received, 1005 if it had none, 1006 if none came). Never throws.
     * <ul>
     *   <li>every frame heard counts for the {@link KeepAlive};</li>
     *   <li>PING: answered at once with a PONG carrying the same payload, also between fragments, but not
     *       after a Close was received; PONG: nothing; CLOSE: parsed with {@code CloseFrame.parse}; if we had
     *       not sent a Close, echo its code (1000 when it had none), then close the transport (the server
     *       closes TCP first; a CLIENT waits for the end of the stream);</li>
     *   <li>data frames go through the {@code MessageAssembler} payload piece by piece; a complete message
     *       goes to {@code handler.onMessage}; after our Close, data frames are read and ignored;</li>
     *   <li>a {@code WebSocketException}: send a Close with its code (if none was sent), close the transport;</li>
     *   <li>end of stream or an I/O error: close the transport (1006 for the handler).</li>
     * </ul>
     */
    public void run() {
        throw StubException.notImplemented("6.09", "The connection: ping/pong, messages, the closing handshake", "day6-websocket/README.md#the-connection");
    }

    /** Sends a text message. IOException once the connection is closing or closed. */
    public void sendText(String text) throws IOException {
        throw StubException.notImplemented("6.09", "The connection: ping/pong, messages, the closing handshake", "day6-websocket/README.md#the-connection");
    }

    /** Sends a binary message. */
    public void sendBinary(byte[] data) throws IOException {
        throw StubException.notImplemented("6.09", "The connection: ping/pong, messages, the closing handshake", "day6-websocket/README.md#the-connection");
    }

    /**
     * Sends a message in one frame, FIN set (compressed with RSV1 when permessage-deflate is on). Safe from
     * any thread (one frame at a time: a lock). IOException once a Close was sent or the connection is closed.
     */
    public void send(Message message) throws IOException {
        throw StubException.notImplemented("6.09", "The connection: ping/pong, messages, the closing handshake", "day6-websocket/README.md#the-connection");
    }

    /**
     * Sends a Ping. RFC 6455 §5.5: "All control frames MUST have a payload length of 125 bytes or less": a longer
     * payload is an {@link IllegalArgumentException}, and nothing is sent.
     */
    public void ping(byte[] payload) throws IOException {
        throw StubException.notImplemented("6.09", "The connection: ping/pong, messages, the closing handshake", "day6-websocket/README.md#the-connection");
    }

    /**
     * Starts the closing handshake: sends Close with {@code code} and {@code reason} (once: a second call does
     * nothing), state CLOSE_SENT, no data frames after it; the peer's Close (read by {@link #run}) or the close
     * timeout (see {@link #tick}) ends it. If the Close cannot be written, the transport is closed. A code
     * {@link dev.netlab.websocket.frame.CloseFrame#isValidCode} refuses (1005, 1006, 1015: RFC 6455 §7.4.1 "MUST NOT
     * be set as a status code in a Close control frame") is an {@link IllegalArgumentException}, and nothing is sent.
     */
    public void close(int code, String reason) {
        throw StubException.notImplemented("6.09", "The connection: ping/pong, messages, the closing handshake", "day6-websocket/README.md#the-connection");
    }

    /** Closes TCP at once, without a closing handshake (a peer that stopped reading cannot receive a Close). */
    public void abort() {
        throw StubException.notImplemented("6.09", "The connection: ping/pong, messages, the closing handshake", "day6-websocket/README.md#the-connection");
    }

    /**
     * The timers, at {@code now}: in CLOSE_SENT, once {@code closeTimeout} has passed since our Close, close
     * the transport; when OPEN, ask the {@link KeepAlive}: PING sends an empty Ping, TIMEOUT closes the
     * transport (the peer is gone). Called by a {@link Ticker} from another thread (checkpoint 6.10), the one
     * thread that runs the timers of every connection: {@code tick} must never block. A write to a peer that
     * stopped reading blocks (on its full socket buffer, or behind the lock a stuck send holds), so send the
     * Ping from a thread of its own (a virtual thread); closing the transport never blocks (over TLS the
     * given server makes sure of it: from any thread but the connection's own, its transport closes the TCP
     * socket under the {@code SSLSocket}, whose own close waits for a stuck send's lock).
     */
    public void tick(Instant now) {
        throw StubException.notImplemented("6.10", "Keep-alive, idle peers and the message size limit", "day6-websocket/README.md#keep-alive");
    }

}
