package dev.netlab.http2.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.transcript.RecordingSocket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A test client that speaks HTTP/2 frame by frame, independent of the code under test: its own
 * few lines of frame codec, Netty's HPACK for field blocks, and a recording socket so a failing
 * checkpoint shows the octets each way. Events are judged the way h2spec judges them.
 */
final class H2Client implements AutoCloseable {
    static final int DATA = 0x0, HEADERS = 0x1, PRIORITY = 0x2, RST_STREAM = 0x3, SETTINGS = 0x4, PUSH_PROMISE = 0x5,
            PING = 0x6, GOAWAY = 0x7, WINDOW_UPDATE = 0x8, CONTINUATION = 0x9;
    static final int END_STREAM = 0x1, ACK = 0x1, END_HEADERS = 0x4, PADDED = 0x8, PRIORITY_FLAG = 0x20;
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** One frame as read off the wire. */
    record RawFrame(int type, int flags, int stream, byte[] payload, Http2Headers decoded) {
        boolean has(int flag) {
            return (flags & flag) == flag;
        }

        int errorCode() {
            ByteBuffer b = ByteBuffer.wrap(payload);
            return type == GOAWAY ? b.getInt(4) : b.getInt(0);
        }

        @Override
        public String toString() {
            String[] names = {"DATA", "HEADERS", "PRIORITY", "RST_STREAM", "SETTINGS", "PUSH_PROMISE", "PING", "GOAWAY",
                    "WINDOW_UPDATE", "CONTINUATION"};
            String name = type < names.length ? names[type] : "type 0x" + Integer.toHexString(type);
            String extra = type == RST_STREAM || type == GOAWAY ? " code=" + errorCode() : "";
            return name + " flags=0x" + Integer.toHexString(flags) + " stream=" + stream + " length=" + payload.length + extra;
        }
    }

    /** What h2spec's judging sees: a frame, the connection closed, or nothing before the timeout. */
    sealed interface Event permits FrameEvent, Closed, Timeout {}

    record FrameEvent(RawFrame frame) implements Event {}

    record Closed() implements Event {}

    record Timeout() implements Event {}

    private final RecordingSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder((n, v) -> false, true);
    private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false, Long.MAX_VALUE / 2);
    boolean closed;
    private final Map<Integer, java.util.Deque<RawFrame>> parked = new java.util.HashMap<>();
    private final java.io.ByteArrayOutputStream pendingBlock = new java.io.ByteArrayOutputStream();
    /** The server's connection window for our DATA: 65,535 plus the WINDOW_UPDATEs seen in the handshake. */
    int connectionWindow = 65_535;
    /** The server's SETTINGS as received in the handshake. */
    final Map<Integer, Long> serverSettings = new java.util.HashMap<>();

    private H2Client(RecordingSocket socket) throws IOException {
        this.socket = socket;
        this.in = socket.in();
        this.out = socket.out();
    }

    static H2Client connect(String name, int port) throws IOException {
        return new H2Client(RecordingSocket.connect(name, new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(5)));
    }

    /** The preface, SETTINGS, and the server's SETTINGS acknowledged both ways (h2spec's Handshake). */
    H2Client handshake() throws IOException {
        return handshake(new int[0]);
    }

    H2Client handshake(int... settings) throws IOException {
        out.write(PREFACE);
        settings(settings);
        boolean gotSettings = false;
        boolean gotAck = false;
        while (!gotSettings || !gotAck) {
            RawFrame f = expectFrame();
            if (f.type() == SETTINGS && !f.has(ACK)) {
                ByteBuffer b = ByteBuffer.wrap(f.payload());
                while (b.remaining() >= 6) {
                    serverSettings.put(b.getShort() & 0xffff, b.getInt() & 0xffff_ffffL);
                }
                send(SETTINGS, ACK, 0, new byte[0]);
                gotSettings = true;
            } else if (f.type() == SETTINGS) {
                gotAck = true;
            } else if (f.type() == WINDOW_UPDATE && f.stream() == 0) {
                connectionWindow += ByteBuffer.wrap(f.payload()).getInt();
            }
        }
        return this;
    }

    void preface() throws IOException {
        out.write(PREFACE);
        out.flush();
    }

    void settings(int... idValue) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(idValue.length / 2 * 6);
        for (int i = 0; i < idValue.length; i += 2) {
            b.putShort((short) idValue[i]).putInt(idValue[i + 1]);
        }
        send(SETTINGS, 0, 0, b.array());
    }

    void send(int type, int flags, int stream, byte[] payload) throws IOException {
        byte[] frame = new byte[9 + payload.length];
        frame[0] = (byte) (payload.length >>> 16);
        frame[1] = (byte) (payload.length >>> 8);
        frame[2] = (byte) payload.length;
        frame[3] = (byte) type;
        frame[4] = (byte) flags;
        ByteBuffer.wrap(frame, 5, 4).putInt(stream);
        System.arraycopy(payload, 0, frame, 9, payload.length);
        sendRaw(frame);
    }

    void sendRaw(byte[] octets) throws IOException {
        if (Boolean.getBoolean("h2client.debug")) {
            System.err.println("-> " + octets.length + " octets type " + (octets.length > 3 ? octets[3] : -1) + " at " + System.nanoTime() / 1_000_000);
        }
        try {
            out.write(octets);
            out.flush();
        } catch (IOException e) {
            closed = true; // the server may close first: judged by what we read
        }
    }

    void sendHex(String hex) throws IOException {
        sendRaw(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    void ping(long data) throws IOException {
        send(PING, 0, 0, ByteBuffer.allocate(8).putLong(data).array());
    }

    void windowUpdate(int stream, int increment) throws IOException {
        send(WINDOW_UPDATE, 0, stream, ByteBuffer.allocate(4).putInt(increment).array());
    }

    void rst(int stream, int code) throws IOException {
        send(RST_STREAM, 0, stream, ByteBuffer.allocate(4).putInt(code).array());
    }

    void priority(int stream, int dependency, int weight, boolean exclusive) throws IOException {
        send(PRIORITY, 0, stream, ByteBuffer.allocate(5).putInt(dependency | (exclusive ? 0x8000_0000 : 0)).put((byte) (weight - 1)).array());
    }

    void data(int stream, String text, boolean endStream) throws IOException {
        send(DATA, endStream ? END_STREAM : 0, stream, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A field block from name/value pairs (encoded by Netty's HPACK encoder). */
    byte[] encode(String... nameValue) throws IOException {
        Http2Headers headers = new DefaultHttp2Headers(false);
        for (int i = 0; i < nameValue.length; i += 2) {
            headers.add(new AsciiString(nameValue[i].getBytes(StandardCharsets.ISO_8859_1), false),
                    new AsciiString(nameValue[i + 1].getBytes(StandardCharsets.ISO_8859_1), false));
        }
        ByteBuf buf = Unpooled.buffer();
        try {
            encoder.encodeHeaders(1, headers, buf);
        } catch (io.netty.handler.codec.http2.Http2Exception e) {
            throw new IOException(e);
        }
        byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b);
        return b;
    }

    /** The request fields h2spec sends: GET / with :scheme http and :authority. */
    static String[] common(String method, String path) {
        return new String[] {":method", method, ":scheme", "http", ":path", path, ":authority", "127.0.0.1"};
    }

    static String[] plus(String[] a, String... more) {
        String[] r = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, r, a.length, more.length);
        return r;
    }

    void headers(int stream, boolean endStream, boolean endHeaders, String... nameValue) throws IOException {
        send(HEADERS, (endStream ? END_STREAM : 0) | (endHeaders ? END_HEADERS : 0), stream, encode(nameValue));
    }

    void get(int stream, String path) throws IOException {
        headers(stream, true, true, common("GET", path));
    }

    /** The next event. */
    Event next(Duration timeout) {
        if (closed) {
            return new Closed();
        }
        try {
            socket.socket().setSoTimeout((int) Math.max(1, timeout.toMillis()));
            byte[] header = in.readNBytes(9);
            if (header.length < 9) {
                closed = true;
                return new Closed();
            }
            int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
            socket.socket().setSoTimeout((int) TIMEOUT.toMillis());
            byte[] payload = in.readNBytes(length);
            if (payload.length < length) {
                closed = true;
                return new Closed();
            }
            int stream = ByteBuffer.wrap(header, 5, 4).getInt() & 0x7fff_ffff;
            int type = header[3] & 0xff;
            int flags = header[4] & 0xff;
            Http2Headers decoded = null;
            if (type == HEADERS || type == CONTINUATION) {
                // every field block is decoded, in order, whoever it is for: HPACK's table is shared
                pendingBlock.write(payload);
                if ((flags & END_HEADERS) != 0) {
                    decoded = decode(pendingBlock.toByteArray());
                    pendingBlock.reset();
                }
            }
            RawFrame rf = new RawFrame(type, flags, stream, payload, decoded);
            if (Boolean.getBoolean("h2client.debug")) {
                System.err.println("<- " + rf + " at " + System.nanoTime() / 1_000_000);
            }
            return new FrameEvent(rf);
        } catch (SocketTimeoutException e) {
            return new Timeout();
        } catch (EOFException e) {
            closed = true;
            return new Closed();
        } catch (IOException e) {
            closed = true; // reset by the server
            return new Closed();
        }
    }

    RawFrame expectFrame() throws IOException {
        Event e = next(TIMEOUT);
        if (e instanceof FrameEvent f) {
            return f.frame();
        }
        throw new AssertionError("expected a frame from the server, got " + e + "\n" + socket.transcript());
    }

    /**
     * Frames until the server's RST_STREAM, which must be on {@code stream} with {@code code} (RFC 9113
     * §6.4, §7); {@code why} names the reset expected, for the failure line.
     */
    RawFrame expectReset(int stream, int code, String why) {
        RawFrame reset = waitFor(RST_STREAM);
        assertThat(reset).as(why).isNotNull();
        assertThat(reset.stream()).as("the stream of the RST_STREAM (%s)", why).isEqualTo(stream);
        assertThat(reset.errorCode()).as("the error code of the RST_STREAM (%s): %s (0x%x)", why,
                dev.netlab.http2.ErrorCode.of(code), code).isEqualTo(code);
        return reset;
    }

    /** Frames until {@code type} arrives (h2spec WaitEventByType); null when closed or timed out. */
    RawFrame waitFor(int type) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Event e = next(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (e instanceof FrameEvent f) {
                if (f.frame().type() == type) {
                    return f.frame();
                }
                if (System.nanoTime() > deadline) {
                    return null;
                }
            } else {
                return null;
            }
        }
    }

    /** h2spec VerifyConnectionError: GOAWAY with one of the codes, or the connection closed. */
    String connectionError(int... codes) {
        String seen = "";
        while (true) {
            Event e = next(TIMEOUT);
            if (e instanceof Closed) {
                return null;
            }
            if (e instanceof Timeout) {
                return "expected GOAWAY " + codesOf(codes) + " or the connection closed; got " + (seen.isEmpty() ? "nothing (timeout)" : seen);
            }
            RawFrame f = ((FrameEvent) e).frame();
            if (f.type() == GOAWAY && contains(codes, f.errorCode())) {
                return null;
            }
            seen = f.toString();
        }
    }

    /** h2spec VerifyStreamError: RST_STREAM or GOAWAY with one of the codes, or the connection closed. */
    String streamError(int... codes) {
        String seen = "";
        while (true) {
            Event e = next(TIMEOUT);
            if (e instanceof Closed) {
                return null;
            }
            if (e instanceof Timeout) {
                return "expected RST_STREAM or GOAWAY " + codesOf(codes) + " or the connection closed; got " + (seen.isEmpty() ? "nothing (timeout)" : seen);
            }
            RawFrame f = ((FrameEvent) e).frame();
            if ((f.type() == GOAWAY || f.type() == RST_STREAM) && contains(codes, f.errorCode())) {
                return null;
            }
            seen = f.toString();
        }
    }

    /** h2spec VerifyStreamClose: a DATA or HEADERS frame with END_STREAM. */
    String streamClose() {
        String seen = "";
        while (true) {
            Event e = next(TIMEOUT);
            if (!(e instanceof FrameEvent fe)) {
                return "expected DATA or HEADERS with END_STREAM; got " + (seen.isEmpty() ? e.toString() : seen + ", then " + e);
            }
            RawFrame f = fe.frame();
            if ((f.type() == DATA || f.type() == HEADERS) && f.has(END_STREAM)) {
                return null;
            }
            seen = f.toString();
        }
    }

    /** h2spec VerifyConnectionClose. */
    String connectionClose() {
        while (true) {
            Event e = next(TIMEOUT);
            if (e instanceof Closed) {
                return null;
            }
            if (e instanceof Timeout) {
                return "expected the connection to close; it stayed open";
            }
        }
    }

    /** h2spec VerifyEventType for a frame type. */
    String frame(int type) {
        return waitFor(type) != null ? null : "expected a frame of type " + type;
    }

    /** A whole response on {@code stream}: status, fields, content. */
    record Answer(int status, List<Map.Entry<String, String>> fields, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String field(String name) {
            return fields.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    Answer answer(int stream) throws IOException {
        int status = -1;
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.util.Deque<RawFrame> mine = parked.computeIfAbsent(stream, k -> new java.util.ArrayDeque<>());
        while (true) {
            RawFrame f = mine.isEmpty() ? expectFrame() : mine.poll();
            if (f.stream() != stream) {
                if (f.stream() != 0) {
                    parked.computeIfAbsent(f.stream(), k -> new java.util.ArrayDeque<>()).add(f); // another stream's: kept for its answer()
                }
                continue;
            }
            if (f.type() == RST_STREAM) {
                throw new AssertionError("stream " + stream + " was reset: " + f);
            }
            if (f.type() == HEADERS || f.type() == CONTINUATION) {
                if (f.decoded() != null) {
                    for (Map.Entry<CharSequence, CharSequence> e : f.decoded()) {
                        if (e.getKey().toString().equals(":status")) {
                            status = Integer.parseInt(e.getValue().toString());
                        } else {
                            fields.add(Map.entry(e.getKey().toString(), e.getValue().toString()));
                        }
                    }
                }
            } else if (f.type() == DATA) {
                body.write(f.payload());
                windowUpdate(0, Math.max(1, f.payload().length));
                if (f.payload().length > 0 && !f.has(END_STREAM)) {
                    windowUpdate(stream, f.payload().length);
                }
            }
            if ((f.type() == HEADERS || f.type() == DATA) && f.has(END_STREAM)) {
                return new Answer(status, fields, body.toByteArray());
            }
        }
    }

    Http2Headers decode(byte[] block) throws IOException {
        try {
            return decoder.decodeHeaders(1, Unpooled.wrappedBuffer(block));
        } catch (io.netty.handler.codec.http2.Http2Exception e) {
            throw new IOException(e);
        }
    }

    private static boolean contains(int[] codes, int code) {
        for (int c : codes) {
            if (c == code) {
                return true;
            }
        }
        return false;
    }

    private static String codesOf(int[] codes) {
        return java.util.Arrays.toString(codes);
    }

    String transcript() {
        return socket.transcript().toString();
    }

    static void ok(String verdict) {
        assertThat(verdict).as("the server's answer").isNull();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
