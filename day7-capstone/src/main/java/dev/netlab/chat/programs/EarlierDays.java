package dev.netlab.chat.programs;

import dev.netlab.http2.server.Http2Connection;
import dev.netlab.http2.server.Response;
import dev.netlab.http2.server.ServerSettings;
import dev.netlab.kit.StubException;
import dev.netlab.kit.StubReached;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.tls.pem.ServerCredentials;
import dev.netlab.tls.server.AlpnSelector;
import dev.netlab.tls.server.Hsts;
import dev.netlab.tls.server.HttpsRedirect;
import dev.netlab.tls.server.SniKeyManager;
import dev.netlab.tls.server.TlsPolicy;
import dev.netlab.websocket.Role;
import dev.netlab.websocket.WireInput;
import dev.netlab.websocket.connection.ConnectionSettings;
import dev.netlab.websocket.connection.WebSocketConnection;
import dev.netlab.websocket.connection.WebSocketHandler;
import dev.netlab.websocket.deflate.DeflateNegotiation;
import dev.netlab.websocket.deflate.MessageDeflater;
import dev.netlab.websocket.frame.CloseFrame;
import dev.netlab.websocket.frame.FrameReader;
import dev.netlab.websocket.frame.FrameWriter;
import dev.netlab.websocket.frame.Masking;
import dev.netlab.websocket.handshake.Handshake;
import dev.netlab.websocket.handshake.HandshakePolicy;
import dev.netlab.websocket.handshake.HandshakeResult;
import dev.netlab.websocket.handshake.RequestHead;
import dev.netlab.websocket.message.MessageAssembler;
import dev.netlab.websocket.message.Utf8Validator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;
import javax.net.ssl.SSLParameters;

/**
 * The start-up probes of the earlier days the chat runs on (days 4–6): each calls the
 * learner's code the way the chat will, on harmless input in memory, so that a stub is named
 * before the first connection instead of failing in it. See {@link Readiness}.
 */
final class EarlierDays {
    private EarlierDays() {}

    /** Day 4: the PEM credentials, SNI, ALPN, the policy, HSTS and the redirect. */
    static List<Readiness.Probe> day4() {
        return List.of(
                new Readiness.Probe("day 4 ServerCredentials, SniKeyManager", () -> {
                    DevCertificates lab = DevCertificates.standard();
                    ServerCredentials credentials = ServerCredentials.load(lab.server().certificateFile(),
                            lab.server().privateKeyFile(), List.of(lab.ca()), Clock.systemUTC());
                    SniKeyManager keys = new SniKeyManager(Map.of("localhost", credentials), "localhost", false);
                    keys.matchers();
                    keys.hostFor(List.of());
                }),
                new Readiness.Probe("day 4 AlpnSelector", () -> new AlpnSelector(List.of("h2", "http/1.1")).select(List.of("h2"))),
                new Readiness.Probe("day 4 TlsPolicy", () -> TlsPolicy.apply(new SSLParameters(), List.of())),
                new Readiness.Probe("day 4 Hsts", () -> new Hsts(Duration.ofSeconds(1), false).value()),
                new Readiness.Probe("day 4 HttpsRedirect", () -> new HttpsRedirect(8443).location(
                        new dev.netlab.tls.http.RequestHead("GET", "/", "HTTP/1.1",
                                List.of(new dev.netlab.tls.http.RequestHead.Field("Host", "localhost:8080"))))));
    }

    /**
     * Day 5: one h2 connection in memory — the client preface, SETTINGS, a GET on stream 1 and an
     * RFC 8441 extended CONNECT on stream 3, header blocks written by hand (RFC 7541 Appendix A
     * indices) — until the server has answered or a second has passed.
     */
    static List<Readiness.Probe> day5() {
        return List.of(new Readiness.Probe("day 5 Http2Connection", EarlierDays::h2Exchange));
    }

    private static void h2Exchange() throws Exception {
        PipedOutputStream client = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(client, 64 * 1024);
        ByteArrayOutputStream serverOut = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (serverOut) {
                    serverOut.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (serverOut) {
                    serverOut.write(b, off, len);
                }
            }
        };
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        // a stub reached on a stream's own thread would otherwise print a stack trace
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e));
        try {
            Http2Connection connection = new Http2Connection(serverIn, out,
                    request -> request.protocol() != null ? Response.tunnel((in, o) -> in.read()) : Response.text(200, "ok"),
                    ServerSettings.defaults().withConnectProtocol(true));
            Thread server = Thread.ofVirtual().start(() -> {
                try {
                    connection.serve();
                } catch (IOException | RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            });
            client.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.write(frame(0x4, 0, 0, new byte[0])); // SETTINGS, empty
            client.write(frame(0x1, 0x5, 1, concat(new byte[] {(byte) 0x82, (byte) 0x87, (byte) 0x84}, // GET https /
                    literal(0x41, null, "localhost")))); // :authority, END_STREAM | END_HEADERS
            client.write(frame(0x1, 0x4, 3, concat(literal(0x42, null, "CONNECT"), literal(0x40, ":protocol", "websocket"),
                    new byte[] {(byte) 0x87}, literal(0x44, null, "/chat"), literal(0x41, null, "localhost"),
                    literal(0x40, "sec-websocket-version", "13"))));
            client.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (failure.get() == null && server.isAlive() && answered(serverOut) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            client.close();
            server.join(Duration.ofSeconds(1));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        StubException stub = failure.get() == null ? null : StubReached.find(failure.get());
        if (stub != null) {
            throw stub;
        }
    }

    /** HEADERS frames the server wrote so far. */
    private static int answered(ByteArrayOutputStream serverOut) {
        byte[] b;
        synchronized (serverOut) {
            b = serverOut.toByteArray();
        }
        int count = 0;
        for (int at = 0; at + 9 <= b.length; ) {
            int length = (b[at] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff);
            if (b[at + 3] == 0x1) {
                count++;
            }
            at += 9 + length;
        }
        return count;
    }

    /** RFC 9113 §4.1: length (24), type (8), flags (8), R + stream id (32), payload. */
    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] f = new byte[9 + payload.length];
        f[0] = (byte) (payload.length >>> 16);
        f[1] = (byte) (payload.length >>> 8);
        f[2] = (byte) payload.length;
        f[3] = (byte) type;
        f[4] = (byte) flags;
        f[5] = (byte) (stream >>> 24);
        f[6] = (byte) (stream >>> 16);
        f[7] = (byte) (stream >>> 8);
        f[8] = (byte) stream;
        System.arraycopy(payload, 0, f, 9, payload.length);
        return f;
    }

    /** RFC 7541 §6.2.1: a literal with incremental indexing, an indexed name ({@code first}) or a new one; no Huffman. */
    private static byte[] literal(int first, String name, String value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(first);
        if (name != null) {
            b.write(name.length());
            b.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        }
        b.write(value.length());
        b.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    /** Day 6: the handshake both ways, the codec's parts, and one connection in memory (a deflated text, a Close). */
    static List<Readiness.Probe> day6() {
        HandshakePolicy policy = new HandshakePolicy(Set.of("https://localhost"), false, List.of(), true);
        return List.of(
                new Readiness.Probe("day 6 Handshake", () -> {
                    Handshake.upgrade(RequestHead.of("GET", "/chat", "HTTP/1.1", "Host", "localhost", "Upgrade", "websocket",
                            "Connection", "Upgrade", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
                            "Sec-WebSocket-Version", "13", "Sec-WebSocket-Extensions", "permessage-deflate"), policy);
                    Handshake.extendedConnect(RequestHead.of("CONNECT", "/chat", "HTTP/2", ":protocol", "websocket",
                            ":authority", "localhost", ":path", "/chat", "Sec-WebSocket-Version", "13"), policy);
                }),
                new Readiness.Probe("day 6 frames", () -> {
                    new FrameReader(Role.SERVER, 10).allowRsv(0);
                    Masking.apply(new byte[4], 0, 4, 1, 0);
                    FrameWriter.encodeHeader(new byte[14], 0, true, 0, dev.netlab.websocket.Opcode.TEXT, 1, false, 0);
                    CloseFrame.encode(1000, "");
                }),
                new Readiness.Probe("day 6 messages", () -> {
                    new Utf8Validator().feed(new byte[] {'a'}, 0, 1);
                    new MessageAssembler(10).inMessage();
                }),
                new Readiness.Probe("day 6 deflate", () -> {
                    DeflateNegotiation.negotiate(List.of("permessage-deflate"));
                    new MessageDeflater(true).compress(new byte[1], 0, 1);
                }),
                new Readiness.Probe("day 6 WebSocketConnection", EarlierDays::webSocketExchange));
    }

    private static void webSocketExchange() throws Exception {
        HandshakeResult result = Handshake.upgrade(RequestHead.of("GET", "/chat", "HTTP/1.1", "Host", "localhost",
                "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version", "13", "Sec-WebSocket-Extensions", "permessage-deflate"),
                new HandshakePolicy(Set.of(), false, List.of(), true));
        if (!(result instanceof HandshakeResult.Accept accept)) {
            return; // a bug, not a stub: the day's own checkpoints show it
        }
        // a masked, compressed text frame (RFC 7692 §7.2.1: the deflate output without its final 00 00 ff ff), then Close 1000
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput("{\"type\":\"rooms\"}".getBytes(StandardCharsets.UTF_8));
        byte[] buf = new byte[256];
        int n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        deflater.end();
        byte[] text = Arrays.copyOf(buf, n - 4);
        byte[] wire = concat(masked(0xC1, text), masked(0x88, new byte[] {0x03, (byte) 0xE8}));
        ConnectionSettings settings = ConnectionSettings.server().withDeflate(accept.deflate());
        WebSocketConnection connection = new WebSocketConnection(WireInput.of(wire), OutputStream.nullOutputStream(), () -> { },
                settings, new WebSocketHandler() { });
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                connection.run();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        reader.join(Duration.ofSeconds(1)); // bounded: an engine that never sees the end must not hang the start
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** RFC 6455 §5.2: FIN/RSV/opcode, MASK + length (< 126), the key, the payload XOR the key. */
    private static byte[] masked(int first, byte[] payload) {
        byte[] key = {0x37, (byte) 0xfa, 0x21, 0x3d};
        byte[] f = new byte[6 + payload.length];
        f[0] = (byte) first;
        f[1] = (byte) (0x80 | payload.length);
        System.arraycopy(key, 0, f, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            f[6 + i] = (byte) (payload[i] ^ key[i % 4]);
        }
        return f;
    }
}
