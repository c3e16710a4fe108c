package dev.netlab.tls.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.StubProbe;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.tls.server.TlsPolicy;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 4.10: the SSLEngine driver, blocking and non-blocking, against JSSE's SSLSocket and
 * openssl, with records larger than its first buffers and input one octet per TCP segment.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference:
 * a BUFFER_UNDERFLOW that drops the half record instead of reading more (bulk echo and the
 * one-octet proxy fail); a BUFFER_OVERFLOW not answered by growing the buffer (a 16 KiB record
 * into a 4 KiB buffer spins until the test's timeout); NEED_TASK never run (the handshake
 * stalls); NEED_WRAP after the handshake ignored (the connection stalls around the
 * KeyUpdate openssl asks for; the {@code keyUpdate} test was added because this mutant passed
 * every other test); a close_notify read as data (the read never ends) or not sent on
 * close (the JSSE client's read fails instead of ending); the end of the stream mid-handshake
 * taken for "no data yet" instead of an SSLHandshakeException.
 *
 * <p>Added after a PIT run on the reference (2026-12-06: 41 of 69 mutants killed, the
 * non-blocking paths and the return values untested), each row checked against the mutants it
 * kills: {@code nonBlockingWaits} — a non-blocking {@code handshake()} that answers true while it
 * waits for the ServerHello; {@code interestOps()} with any of its three conditions inverted
 * (OP_READ before the ClientHello went, OP_WRITE while waiting for the server); a read of 0
 * octets from the channel taken for progress (a non-blocking {@code read} spins until data comes
 * instead of returning 0). {@code blockingCounts} — a BUFFER_OVERFLOW on unwrap reported as "no
 * data yet" (a blocking {@code read} returns 0); {@code write} returning the octets of the records
 * it made ({@code bytesProduced()}) or 0 instead of the plaintext it consumed.
 * {@code nonBlockingBackpressure} — {@code flush()} that says true while records are still
 * pending (the first {@code write} then buffers all 16 MiB in memory instead of stopping short).
 * Left alive, equivalent or not a mistake of the protocol: the growth factor of a buffer and the
 * size it grows to (a too small one grows again on the next record), netIn grown before it is
 * full (memory only), {@code noteFinished} removed (the handshake loop sees NOT_HANDSHAKING one
 * turn later), the post-handshake work after a read or a write removed alone (the other one,
 * or the next wrap, sends the KeyUpdate before the next application data, which is all RFC 8446
 * §4.6.3 asks).
 */
@Checkpoint(id = "4.10", title = "An SSLEngine driver over NIO, and an echo server on it",
        edit = "dev/netlab/tls/engine/TlsChannel.java",
        hint = "loop on the handshake status (NEED_WRAP/UNWRAP/TASK); UNDERFLOW: read more (grow netIn when full); OVERFLOW: grow the output buffer; CLOSED: close_notify",
        readme = "#an-sslengine-driver")
class TlsChannelTest {
    private static final DevCertificates CERTS = DevCertificates.standard();

    private static TlsEchoServer echo() throws Exception {
        // the echo server counts a connection that fails on the driver and closes it, so a client would wait
        // for its read timeout (20-30 s a test) on a stub: the driver's constructor, tried here first, fails at once
        StubProbe.failIfStub(Duration.ofSeconds(5), () -> {
            try (SocketChannel unconnected = SocketChannel.open()) {
                new TlsChannel(unconnected, serverEngine());
            }
        });
        return TlsEchoServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), CERTS.serverContext(), TlsPolicy::apply);
    }

    private static SSLSocket client(int port) throws Exception {
        SSLSocket socket = (SSLSocket) CERTS.clientContext().getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** A server-mode engine with the lab's server certificate. */
    private static SSLEngine serverEngine() {
        SSLEngine engine = CERTS.serverContext().createSSLEngine();
        engine.setUseClientMode(false);
        return engine;
    }

    /** A client-mode engine for "localhost" trusting the lab CA. */
    private static SSLEngine clientEngine() {
        SSLEngine engine = CERTS.clientContext().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        return engine;
    }

    /** Your driver over {@code accepted} with {@code engine}, its blocking handshake done. */
    private static TlsChannel handshaken(SocketChannel accepted, SSLEngine engine) throws Exception {
        TlsChannel tls = new TlsChannel(accepted, engine);
        assertThat(tls.handshake()).isTrue();
        return tls;
    }

    /** A non-blocking handshake driven over {@code selector}: at most 200 waits of 100 ms; the caller asserts the outcome. */
    private static void handshakeOver(Selector selector, SelectionKey key, TlsChannel tls) throws Exception {
        for (int i = 0; i < 200 && !tls.handshake(); i++) {
            key.interestOps(tls.interestOps());
            selector.select(100);
            selector.selectedKeys().clear();
        }
    }

    @Test
    @DisplayName("the echo server on your driver: a JSSE client's 1 MiB comes back intact, in records bigger than the first buffers")
    void bulkEcho() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(4).nextBytes(data);
        try (TlsEchoServer server = echo(); SSLSocket socket = client(server.port())) {
            CompletableFuture<byte[]> back = CompletableFuture.supplyAsync(() -> {
                try {
                    return socket.getInputStream().readNBytes(data.length);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < data.length; i += 50_000) {
                out.write(data, i, Math.min(50_000, data.length - i));
            }
            out.flush();
            assertThat(Arrays.equals(back.get(30, TimeUnit.SECONDS), data)).as("1 MiB echoed").isTrue();
            assertThat(server.failures()).isZero();
        }
    }

    @Test
    @DisplayName("close_notify both ways: the client's close ends the server's read (-1), the server answers with its own")
    void closeNotify() throws Exception {
        try (TlsEchoServer server = echo(); SSLSocket socket = client(server.port())) {
            socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
            socket.shutdownOutput(); // JSSE sends close_notify
            assertThat(socket.getInputStream().read()).as("the server's close_notify: end of stream").isEqualTo(-1);
            Thread.sleep(100);
            assertThat(server.failures()).isZero();
        }
    }

    @Test
    @DisplayName("openssl s_client through the echo server: TLS 1.3, the line comes back")
    void openssl() throws Exception {
        try (TlsEchoServer server = echo()) {
            Evidence.current().reproduce("./lab run day4-tls echo -- --port 8444   then   openssl s_client -connect 127.0.0.1:8444 -quiet");
            // stdin stays open for a second (the echo comes back meanwhile), then its end makes s_client send close_notify
            String openssl = Peer.require("openssl").executable().toString();
            Peer.PeerResult r = Peer.exec(java.util.List.of("sh", "-c", "(printf 'hello over TLS\\n'; sleep 1) | " + openssl
                    + " s_client -connect 127.0.0.1:" + server.port() + " -CAfile " + CERTS.caCertificate() + " -quiet -no_ign_eof"),
                    Duration.ofSeconds(20), null, "openssl s_client -quiet");
            assertThat(r.timedOut()).isFalse();
            assertThat(r.stdout()).contains("hello over TLS");
        }
    }

    @Test
    @DisplayName("RFC 8446 §4.6.3: openssl asks for a KeyUpdate after the handshake; your driver's engine answers with its own and the echo goes on")
    void keyUpdate() throws Exception {
        try (TlsEchoServer server = echo()) {
            // s_client's command 'K' sends KeyUpdate(update_requested): the engine then needs to wrap its own
            // KeyUpdate (NEED_WRAP after the handshake) before its next application data
            String openssl = Peer.require("openssl").executable().toString();
            String command = "(printf 'hello\\n'; sleep 2; printf 'K\\n'; sleep 2; printf 'world\\n'; sleep 1) | " + openssl
                    + " s_client -connect 127.0.0.1:" + server.port() + " -CAfile " + CERTS.caCertificate() + " -msg -no_ign_eof";
            Evidence.current().reproduce(command);
            Peer.PeerResult r = Peer.exec(java.util.List.of("sh", "-c", command), Duration.ofSeconds(30), null, "openssl s_client -msg, K");
            assertThat(r.timedOut()).isFalse();
            String out = r.stdout();
            int theirs = out.indexOf(">>> TLS 1.3, Handshake [length 0005], KeyUpdate");
            int ours = out.indexOf("<<< TLS 1.3, Handshake [length 0005], KeyUpdate");
            assertThat(theirs).as("openssl sent its KeyUpdate").isNotNegative();
            assertThat(ours).as("the server's KeyUpdate came back").isGreaterThan(theirs);
            assertThat(out.indexOf("\nworld", ours)).as("the echo goes on after it").isPositive();
            assertThat(server.failures()).isZero();
        }
    }

    @Test
    @DisplayName("blocking mode, both ends your driver: a client engine talks to a server engine; one octet per TCP segment still handshakes")
    void blockingBothEnds() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CompletableFuture<String> serverSide = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel accepted = listener.accept()) {
                    SSLEngine engine = serverEngine();
                    try (TlsChannel tls = new TlsChannel(accepted, engine)) {
                        assertThat(tls.handshake()).isTrue();
                        ByteBuffer in = ByteBuffer.allocate(100);
                        while (in.position() < 5) {
                            if (tls.read(in) < 0) {
                                break;
                            }
                        }
                        tls.write(ByteBuffer.wrap("pong!".getBytes(StandardCharsets.US_ASCII)));
                        return new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII) + " " + engine.getSession().getProtocol();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the client's records pass a proxy that forwards them one octet per TCP segment: the server underflows on every read
            try (Trickle trickle = new Trickle((InetSocketAddress) listener.getLocalAddress());
                    SocketChannel raw = SocketChannel.open(trickle.address())) {
                SSLEngine engine = clientEngine();
                TlsChannel tls = new TlsChannel(raw, engine);
                assertThat(tls.handshake()).isTrue();
                tls.write(ByteBuffer.wrap("ping!".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer answer = ByteBuffer.allocate(100);
                while (answer.position() < 5) {
                    assertThat(tls.read(answer)).isNotNegative();
                }
                assertThat(new String(answer.array(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("pong!");
                assertThat(serverSide.get(30, TimeUnit.SECONDS)).isEqualTo("ping! TLSv1.3");
                ByteBuffer end = ByteBuffer.allocate(10);
                assertThat(tls.read(end)).as("the server's close_notify").isEqualTo(-1);
                tls.close();
            }
        }
    }

    @Test
    @DisplayName("a peer that vanishes mid-handshake (half a ClientHello, then FIN) is an SSLHandshakeException, not a hang")
    void vanishingPeer() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), listener.socket().getLocalPort());
                    SocketChannel accepted = listener.accept()) {
                SSLEngine client = clientEngine();
                ByteBuffer hello = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
                client.wrap(ByteBuffer.allocate(0), hello);
                peer.getOutputStream().write(hello.array(), 0, hello.position() / 2);
                peer.shutdownOutput();
                SSLEngine engine = serverEngine();
                TlsChannel tls = new TlsChannel(accepted, engine);
                assertThatThrownBy(tls::handshake).isInstanceOf(SSLHandshakeException.class);
            }
        }
    }

    @Test
    @DisplayName("after the handshake, the end of the stream without close_notify is an SSLException (a truncation), not a clean -1")
    void truncation() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), listener.socket().getLocalPort())) {
                    SSLSocket socket = (SSLSocket) CERTS.clientContext().getSocketFactory().createSocket(plain, "localhost",
                            plain.getPort(), false);
                    socket.startHandshake();
                    socket.getOutputStream().write('x');
                    socket.getOutputStream().flush();
                    Thread.sleep(200);
                    // closing the TCP socket under TLS (not the SSLSocket): a FIN without close_notify
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SocketChannel accepted = listener.accept()) {
                TlsChannel tls = handshaken(accepted, serverEngine());
                ByteBuffer in = ByteBuffer.allocate(10);
                while (in.position() < 1) {
                    tls.read(in);
                }
                peer.get(10, TimeUnit.SECONDS);
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 100; i++) {
                        tls.read(ByteBuffer.allocate(10));
                    }
                }).isInstanceOf(SSLException.class);
            }
        }
    }

    @Test
    @DisplayName("non-blocking mode waits instead of pretending: OP_WRITE before the ClientHello went, then handshake() false, "
            + "handshakeDone() false and OP_READ while the server is silent; after the handshake read() 0 when no record came")
    void nonBlockingWaits() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel raw = SocketChannel.open(listener.getLocalAddress());
                SocketChannel accepted = listener.accept()) {
            raw.configureBlocking(false);
            SSLEngine engine = clientEngine();
            TlsChannel tls = new TlsChannel(raw, engine);
            assertThat(tls.interestOps()).as("a client's first move is the ClientHello: wait for writability").isEqualTo(SelectionKey.OP_WRITE);
            assertThat(tls.handshake()).as("handshake() with a silent server: the ClientHello went, the ServerHello has not come").isFalse();
            assertThat(tls.handshakeDone()).isFalse();
            assertThat(tls.interestOps()).as("nothing left to send, the ServerHello to wait for").isEqualTo(SelectionKey.OP_READ);
            SSLEngine serverEngine = serverEngine();
            TlsChannel server = new TlsChannel(accepted, serverEngine);
            CompletableFuture<Boolean> serverSide = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.handshake();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Selector selector = Selector.open()) {
                SelectionKey key = raw.register(selector, tls.interestOps());
                handshakeOver(selector, key, tls);
                assertThat(tls.handshakeDone()).as("the handshake over a selector, within 200 waits").isTrue();
                assertThat(serverSide.get(10, TimeUnit.SECONDS)).isTrue();
                // the server sends nothing now (beyond TLS 1.3's NewSessionTicket): a read that finds no record returns 0 at once
                CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                    try {
                        return tls.read(ByteBuffer.allocate(100));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                try {
                    assertThat(read.get(10, TimeUnit.SECONDS)).as("read() with no record waiting (non-blocking)").isZero();
                } finally {
                    server.close(); // ends a read that spins on "0 octets read" instead of returning
                }
            }
        }
    }

    @Test
    @DisplayName("blocking mode: read() of a 16 KiB record (bigger than the first 4 KiB buffer) returns its octets, never 0, "
            + "and write() returns the octets it consumed (the plaintext, not the record it made)")
    void blockingCounts() throws Exception {
        byte[] data = new byte[16 * 1024];
        new Random(10).nextBytes(data);
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = client(listener.socket().getLocalPort())) {
                    socket.getOutputStream().write(data); // one record of 16,384 octets (RFC 8446 §5.1: the most a record carries)
                    socket.getOutputStream().flush();
                    byte[] back = socket.getInputStream().readNBytes(data.length);
                    assertThat(Arrays.equals(back, data)).as("the data echoed").isTrue();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SocketChannel accepted = listener.accept()) {
                SSLEngine engine = serverEngine();
                TlsChannel tls = handshaken(accepted, engine);
                ByteBuffer in = ByteBuffer.allocate(data.length);
                int first = tls.read(in);
                assertThat(first).as("a blocking read() returns once it has octets (ReadableByteChannel: it blocks until at least one is read)")
                        .isPositive();
                while (in.hasRemaining()) {
                    assertThat(tls.read(in)).as("a blocking read() before the whole 16 KiB came").isPositive();
                }
                in.flip();
                assertThat(tls.write(in)).as("write() returns the plaintext octets consumed").isEqualTo(data.length);
                assertThat(in.hasRemaining()).as("a blocking write() consumes all of src").isFalse();
                assertThat(tls.engine()).isSameAs(engine);
                assertThat(tls.channel()).isSameAs(accepted);
                assertThat(tls.isOpen()).isTrue();
                tls.close(); // close_notify: the JSSE client's close waits for it
                assertThat(tls.isOpen()).as("isOpen() after close()").isFalse();
                peer.get(20, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @DisplayName("non-blocking write() to a peer that does not read stops short when TCP's buffers are full "
            + "(flush() false, OP_WRITE) instead of buffering all of it; the rest goes once the peer reads, intact")
    void nonBlockingBackpressure() throws Exception {
        byte[] data = new byte[16 << 20];
        new Random(11).nextBytes(data);
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024); // small buffers both ways: TCP fills soon
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel raw = SocketChannel.open(); Selector selector = Selector.open()) {
                raw.setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
                raw.connect(listener.getLocalAddress());
                try (SocketChannel accepted = listener.accept()) {
                    SSLEngine serverEngine = serverEngine();
                    TlsChannel server = new TlsChannel(accepted, serverEngine);
                    CompletableFuture<Boolean> serverHandshake = CompletableFuture.supplyAsync(() -> {
                        try {
                            return server.handshake();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    raw.configureBlocking(false);
                    SSLEngine engine = clientEngine();
                    TlsChannel tls = new TlsChannel(raw, engine);
                    SelectionKey key = raw.register(selector, tls.interestOps());
                    handshakeOver(selector, key, tls);
                    assertThat(tls.handshakeDone()).isTrue();
                    assertThat(serverHandshake.get(10, TimeUnit.SECONDS)).isTrue();
                    ByteBuffer src = ByteBuffer.wrap(data);
                    int first = tls.write(src);
                    assertThat(first).as("the first write() of 16 MiB while the peer reads nothing: the octets consumed").isPositive()
                            .isLessThan(data.length);
                    assertThat(src.position()).as("write() returns what it took from src").isEqualTo(first);
                    assertThat(tls.flush()).as("flush() with TCP's buffers full").isFalse();
                    assertThat(tls.interestOps()).as("records still pending: wait for writability").isEqualTo(SelectionKey.OP_WRITE);
                    CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                        try {
                            ByteBuffer in = ByteBuffer.allocate(data.length);
                            while (in.hasRemaining() && server.read(in) >= 0) {
                                // blocking reads until all came
                            }
                            return in.array();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while ((src.hasRemaining() || !tls.flush()) && System.nanoTime() < deadline) {
                        key.interestOps(tls.interestOps());
                        selector.select(100);
                        selector.selectedKeys().clear();
                        if (tls.flush()) {
                            tls.write(src);
                        }
                    }
                    assertThat(src.hasRemaining()).as("all 16 MiB taken within 30 s once the peer reads").isFalse();
                    assertThat(Arrays.equals(received.get(30, TimeUnit.SECONDS), data)).as("16 MiB arrived intact").isTrue();
                    tls.close();
                }
            }
        }
    }

    /** Forwards one connection: client to server one octet per write (TCP_NODELAY: a segment each), back in whole reads. */
    static final class Trickle implements AutoCloseable {
        private final java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final Thread thread;

        Trickle(InetSocketAddress target) throws Exception {
            thread = Thread.ofVirtual().start(() -> {
                try (Socket client = listener.accept(); Socket server = new Socket(target.getAddress(), target.getPort())) {
                    client.setTcpNoDelay(true);
                    server.setTcpNoDelay(true);
                    Thread back = Thread.ofVirtual().start(() -> {
                        try {
                            server.getInputStream().transferTo(client.getOutputStream());
                            client.shutdownOutput();
                        } catch (Exception ignored) {
                            // one side closed
                        }
                    });
                    InputStream in = client.getInputStream();
                    OutputStream out = server.getOutputStream();
                    for (int b = in.read(); b >= 0; b = in.read()) {
                        out.write(b);
                        out.flush();
                    }
                    server.shutdownOutput();
                    back.join(5_000);
                } catch (Exception ignored) {
                    // the test ended
                }
            });
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        }

        @Override
        public void close() throws Exception {
            listener.close();
            thread.join(5_000);
        }
    }
}
