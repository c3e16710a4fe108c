package dev.netlab.websocket.connection;

import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.Opcode;
import dev.netlab.websocket.Role;
import dev.netlab.websocket.WebSocketException;
import dev.netlab.websocket.WireInput;
import dev.netlab.websocket.deflate.MessageDeflater;
import dev.netlab.websocket.deflate.MessageInflater;
import dev.netlab.websocket.frame.CloseFrame;
import dev.netlab.websocket.frame.FrameHeader;
import dev.netlab.websocket.frame.FrameReader;
import dev.netlab.websocket.frame.FrameWriter;
import dev.netlab.websocket.message.Message;
import dev.netlab.websocket.message.MessageAssembler;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

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

    private static final SecureRandom KEYS = new SecureRandom();
    /**
     * The most payload read at once: a frame's payload is read into an array of its own length up
     * to this, made per frame rather than kept, since 10,000 quiet connections would each keep
     * one for their life (day 7's chat measured 2 KB of its 28 KB a connection that way).
     */
    private static final int CHUNK = 2048;

    private final WireInput in;
    private final OutputStream out;
    private final Closeable transport;
    private final ConnectionSettings settings;
    private final WebSocketHandler handler;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final MessageAssembler assembler;
    private final MessageDeflater deflater;
    private final KeepAlive keepAlive;
    private final ReentrantLock sending = new ReentrantLock();
    private final byte[] control = new byte[FrameReader.MAX_CONTROL_PAYLOAD];
    private volatile State state = State.OPEN;
    private volatile Instant closeSentAt;
    private int closeCode = CloseCode.ABNORMAL.code();
    private String closeReason = "";

    public WebSocketConnection(InputStream in, OutputStream out, Closeable transport, ConnectionSettings settings,
                               WebSocketHandler handler) {
        this(new WireInput(in), out, transport, settings, handler);
    }

    /** Over a {@link WireInput} that may already hold octets read past the handshake. */
    public WebSocketConnection(WireInput in, OutputStream out, Closeable transport, ConnectionSettings settings,
                               WebSocketHandler handler) {
        this.in = in;
        // No size given: on a virtual thread the JDK starts the buffer at 512 octets and grows it
        // to 8 KiB only when frames need it - a room of idle members keeps 512, not 8 KiB, each.
        this.out = new BufferedOutputStream(out);
        this.transport = transport;
        this.settings = settings;
        this.handler = handler;
        this.reader = new FrameReader(settings.role(), settings.maxMessageSize());
        this.writer = new FrameWriter(settings.role(), KEYS);
        this.assembler = new MessageAssembler(settings.maxMessageSize());
        this.keepAlive = new KeepAlive(settings.pingInterval(), settings.idleTimeout(), settings.clock().instant());
        if (settings.deflate() != null) {
            boolean server = settings.role() == Role.SERVER;
            var d = settings.deflate();
            reader.allowRsv(FrameHeader.RSV1);
            assembler.useInflater(new MessageInflater(server ? d.clientNoContextTakeover() : d.serverNoContextTakeover(),
                    settings.maxMessageSize()));
            deflater = new MessageDeflater(server ? d.serverNoContextTakeover() : d.clientNoContextTakeover());
        } else {
            deflater = null;
        }
    }

    public State state() {
        return state;
    }

    /** Reads and handles frames until the connection is closed; calls the handler's onOpen first and onClose last. */
    public void run() {
        handler.onOpen(this);
        try {
            while (state != State.CLOSED) {
                FrameHeader header = reader.readHeader(in);
                keepAlive.heard(settings.clock().instant());
                if (header.opcode().isControl()) {
                    onControl(header);
                } else {
                    onData(header);
                }
            }
        } catch (WebSocketException e) {
            fail(e.code(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            // EOF or a broken stream: no Close frame came (1006), unless the handshake had finished
            closeTransport();
        } finally {
            closeTransport();
            handler.onClose(this, closeCode, closeReason);
        }
    }

    private void onControl(FrameHeader header) throws IOException, WebSocketException {
        int len = (int) header.length();
        for (int done = 0; done < len; ) {
            done += reader.readPayload(in, header, done, control, done, len - done);
        }
        switch (header.opcode()) {
            case PING -> {
                // §5.5.2: "Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in response, unless it
                // already received a Close frame." "A Pong frame sent in response to a Ping frame must have
                // identical Application data"
                if (state == State.OPEN) {
                    sendFrame(Opcode.PONG, 0, control, 0, len);
                }
            }
            case PONG -> {
                // §5.5.3: "A response to an unsolicited Pong frame is not expected." keepAlive.heard() saw it
            }
            case CLOSE -> onClose(CloseFrame.parse(control, 0, len));
            default -> throw new IllegalStateException("not a control opcode: " + header.opcode());
        }
    }

    private void onClose(CloseFrame close) throws IOException {
        closeCode = close.code();
        closeReason = close.reason();
        if (state == State.OPEN) {
            // §5.5.1: "If an endpoint receives a Close frame and did not previously send a Close frame, the endpoint
            // MUST send a Close frame in response." It echoes the code; a Close without one is answered with 1000.
            int echo = close.code() == CloseCode.NO_STATUS.code() ? CloseCode.NORMAL.code() : close.code();
            sendClose(echo, "");
        }
        // §7.1.1: "the server SHOULD close the underlying TCP connection first"; a client waits for it, briefly
        if (settings.role() == Role.CLIENT) {
            awaitEndOfStream();
        }
        closeTransport();
    }

    private void onData(FrameHeader header) throws IOException, WebSocketException {
        if (state != State.OPEN) {
            skip(header); // after our Close we read on only to find the peer's Close (§7.1.2)
            return;
        }
        assembler.begin(header);
        byte[] chunk = payloadBuffer(header);
        for (long done = 0; done < header.length(); ) {
            int n = reader.readPayload(in, header, done, chunk, 0, chunk.length);
            assembler.append(chunk, 0, n); // UTF-8 is checked here, as the octets arrive: fail fast
            done += n;
        }
        Message message = assembler.end();
        if (message != null) {
            handler.onMessage(this, message);
        }
    }

    private static byte[] payloadBuffer(FrameHeader header) {
        return new byte[(int) Math.min(CHUNK, Math.max(1, header.length()))];
    }

    private void skip(FrameHeader header) throws IOException {
        byte[] sink = payloadBuffer(header);
        for (long done = 0; done < header.length(); ) {
            done += reader.readPayload(in, header, done, sink, 0, sink.length);
        }
    }

    /** Sends a text message. IOException once the connection is closing or closed. */
    public void sendText(String text) throws IOException {
        send(Message.text(text));
    }

    /** Sends a binary message. */
    public void sendBinary(byte[] data) throws IOException {
        send(Message.binary(data));
    }

    /** Sends a message in one frame (compressed when permessage-deflate is on). */
    public void send(Message message) throws IOException {
        byte[] data = message.data();
        sending.lock();
        try {
            // §5.5.1: "After sending a Close frame, the endpoint MUST NOT send any further data frames."
            if (state != State.OPEN) {
                throw new IOException("the connection is closing");
            }
            if (deflater != null) {
                byte[] compressed = deflater.compress(data, 0, data.length);
                sendFrame(message.type(), FrameHeader.RSV1, compressed, 0, compressed.length);
            } else {
                sendFrame(message.type(), 0, data, 0, data.length);
            }
        } finally {
            sending.unlock();
        }
    }

    /**
     * Sends a Ping. RFC 6455 §5.5: "All control frames MUST have a payload length of 125 bytes or less": a longer
     * payload is an {@link IllegalArgumentException}, and nothing is sent.
     */
    public void ping(byte[] payload) throws IOException {
        if (payload.length > FrameReader.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("a Ping of " + payload.length + " octets (at most 125: RFC 6455 §5.5)");
        }
        sendFrame(Opcode.PING, 0, payload, 0, payload.length);
    }

    /**
     * Starts the closing handshake: sends Close with {@code code} and waits (see {@link #tick}) for the peer's. A code
     * {@link CloseFrame#isValidCode} refuses is an {@link IllegalArgumentException}, and nothing is sent.
     */
    public void close(int code, String reason) {
        // §7.4.1: 1005, 1006 and 1015 "MUST NOT be set as a status code in a Close control frame by an endpoint";
        // neither may a code no one defined (§7.4.2)
        if (!CloseFrame.isValidCode(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent (RFC 6455 §7.4)");
        }
        try {
            sendClose(code, reason);
        } catch (IOException e) {
            closeTransport();
        }
    }

    /** Closes TCP at once, without a closing handshake (a peer that stopped reading cannot receive a Close). */
    public void abort() {
        closeTransport();
    }

    /**
     * The timers: keep-alive pings, the idle timeout, and the close timeout. Called by a {@link Ticker}, whose
     * one thread serves every connection: it never blocks. Closing the transport does not either: over TLS the
     * given server's transport closes the TCP socket when called from another thread than {@link #run()}'s, as
     * {@code SSLSocket.close()} waits for the lock a stuck send holds.
     */
    public void tick(Instant now) {
        Instant sent = closeSentAt;
        if (state == State.CLOSE_SENT && sent != null && !now.isBefore(sent.plus(settings.closeTimeout()))) {
            closeTransport(); // §7.1.1: the peer never answered our Close
            return;
        }
        if (state != State.OPEN) {
            return;
        }
        switch (keepAlive.tick(now)) {
            // Never write on the caller's thread: one Ticker runs the timers of every connection, and a write to a
            // peer that stopped reading blocks (a full socket buffer, or the lock of a send stuck on one). If this
            // Ping blocks too, the idle timeout closes the transport, which ends every blocked write.
            case PING -> Thread.ofVirtual().name("websocket-ping").start(() -> {
                try {
                    ping(new byte[0]);
                } catch (IOException e) {
                    closeTransport();
                }
            });
            case TIMEOUT -> closeTransport(); // the peer is gone: no Close frame can reach it
            case NONE -> { }
        }
    }

    private void fail(CloseCode code, String reason) {
        // §7.1.7: to _Fail the WebSocket Connection_ "the endpoint MUST send a Close frame with an appropriate status
        // code", then close the TCP connection (no need to wait: the peer broke the protocol)
        try {
            sendClose(code.code(), reason);
        } catch (IOException ignored) {
            // the peer is gone already
        }
        closeCode = code.code();
        closeReason = reason;
        closeTransport();
    }

    private void sendClose(int code, String reason) throws IOException {
        byte[] payload = CloseFrame.encode(code, reason);
        sending.lock();
        try {
            if (state != State.OPEN) {
                return; // one Close per side
            }
            state = State.CLOSE_SENT;
            closeSentAt = settings.clock().instant();
            writeFrame(Opcode.CLOSE, 0, payload, 0, payload.length);
        } finally {
            sending.unlock();
        }
    }

    private void sendFrame(Opcode op, int rsv, byte[] payload, int off, int len) throws IOException {
        sending.lock();
        try {
            if (state == State.CLOSED) {
                throw new IOException("the connection is closed");
            }
            writeFrame(op, rsv, payload, off, len);
        } finally {
            sending.unlock();
        }
    }

    private void writeFrame(Opcode op, int rsv, byte[] payload, int off, int len) throws IOException {
        writer.write(out, true, rsv, op, payload, off, len);
        out.flush();
    }

    private void awaitEndOfStream() {
        try {
            while (!in.atEnd()) {
                in.readUnsignedByte();
            }
        } catch (IOException ignored) {
            // closed under us by the close timeout
        }
    }

    private void closeTransport() {
        state = State.CLOSED;
        try {
            transport.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    /** A short text for logs. */
    @Override
    public String toString() {
        return "WebSocketConnection[" + settings.role() + ", " + state + "]";
    }
}
