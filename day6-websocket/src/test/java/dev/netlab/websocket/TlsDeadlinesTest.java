package dev.netlab.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.websocket.connection.ConnectionSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The given server's timers over {@code wss}: a close at a deadline must never wait. JSSE's
 * {@code SSLSocket.close()} is more than a close: it sends its alerts under the lock of the
 * socket's output records, which a write blocked on a peer that stopped reading holds for as long
 * as that peer likes. So the given {@code WebSocketServer} accepts plain TCP sockets, layers an
 * {@code SSLSocket} over each, and hands your {@code WebSocketConnection} a transport whose close
 * from any thread but the connection's own closes the TCP socket (RFC 6455 §7.1.1: "An endpoint MAY
 * close the connection via any means available when necessary"). Mistake it catches, run as a
 * mutant: the old given server, whose transport was the {@code SSLSocket} accepted from an
 * {@code SSLServerSocket} (the one {@code Ticker} thread that runs every connection's timers waited
 * for ever in the stuck member's close: {@code idleDeadlineWhileAWriteIsStuck}).
 */
@Checkpoint(id = "6.16", title = "The server on the wire: upgrade, refusals, echo, close, the room",
        edit = {"dev/netlab/websocket/handshake/Handshake.java", "dev/netlab/websocket/connection/WebSocketConnection.java"},
        hint = "all earlier checkpoints must pass; the given WebSocketServer runs your Handshake, then your WebSocketConnection on the same input",
        readme = "#the-connection")
class TlsDeadlinesTest {
    private static final DevCertificates CERTS = DevCertificates.standard();

    /**
     * The idle timeout of a member that stopped reading, while the server's echo to it waits in a
     * write. Over TLS that write holds the {@code SSLSocket}'s output lock; the idle timeout's close
     * runs on the {@code Ticker}'s one thread, and a close of the {@code SSLSocket} there waits for
     * that lock (to send close_notify) for as long as the member likes — every other connection's
     * timers with it. A second member (the witness) then opens, stays silent, and must be pinged
     * and closed at its own idle timeout. Measured once against the old server (its transport the
     * {@code SSLSocket}, accepted from an {@code SSLServerSocket}), with 8 MiB sent: the
     * witness saw no Ping and was still open 10 s after its upgrade (fails); with the TCP socket
     * closed by the timers: the witness got three Pings and was closed 1,049 and 1,011 ms after its
     * upgrade (two runs, idle timeout 1 s).
     */
    @Test
    @DisplayName("RFC 6455 §7.1.1 over wss: an idle timeout waits for no connection — a member whose echo is stuck in a "
            + "write (it stopped reading) is cut at its idle timeout, and another member's keep-alive Ping and idle timeout "
            + "still come on time")
    void idleDeadlineWhileAWriteIsStuck() throws Exception {
        Duration idle = Duration.ofSeconds(1);
        ConnectionSettings quick = ConnectionSettings.server().withKeepAlive(Duration.ofMillis(300), idle)
                .withCloseTimeout(Duration.ofSeconds(1));
        try (TestServer server = TestServer.start(quick, CERTS.serverContext(), 64);
             Client stuck = Client.open(server, 64 * 1024)) {
            // the stuck member sends to /echo-plain and reads nothing back: the echo cannot all fit in
            // our receive buffer (64 KiB, fixed) and the server's send buffer (Linux grows it up to
            // tcp_wmem's maximum), so the server's write waits, holding the TLS socket's output lock,
            // for as long as we like; we send 4 MiB more than both
            byte[] frame = Frames.client(true, Frames.BINARY, new byte[512 * 1024]);
            int frames = (int) ((sendBufferMaximum() + (4 << 20)) / (512 * 1024));
            AtomicLong sent = new AtomicLong();
            Thread sender = Thread.ofPlatform().daemon().start(() -> {
                try {
                    OutputStream out = stuck.tls().getOutputStream();
                    for (int i = 0; i < frames; i++) {
                        out.write(frame);
                        out.flush();
                        sent.addAndGet(frame.length);
                    }
                } catch (IOException closed) {
                    // the server cut the connection while we were still sending
                }
            });
            sender.join(Duration.ofSeconds(5)); // all sent, or waiting: the server stopped reading, its echo stuck
            // the server heard its last frame before its echo stuck: its idle timeout (1 s) has passed by now
            Thread.sleep(idle.multipliedBy(2).toMillis());
            try (Client witness = Client.open(server, 0)) {
                long opened = System.nanoTime();
                List<Integer> opcodes = new ArrayList<>();
                long ended = 0;
                InputStream in = witness.tls().getInputStream();
                try {
                    while (ended == 0) {
                        Frames.Frame f = Frames.read(in);
                        if (f == null) {
                            ended = System.nanoTime();
                        } else {
                            opcodes.add(f.opcode());
                        }
                    }
                } catch (SocketTimeoutException silent) {
                    // nothing for 10 s: neither a Ping nor the end
                } catch (IOException closed) {
                    ended = System.nanoTime(); // TCP closed without a close_notify (the idle timeout), or reset
                }
                long millis = ended == 0 ? -1 : (ended - opened) / 1_000_000;
                assertThat(millis).as("ms from the witness's upgrade until the server closed it (idle timeout %d ms; -1: still "
                        + "open after 10 s — the timers' one thread waits in the stuck member's close); frames it got: %s",
                        idle.toMillis(), opcodes).isBetween(idle.toMillis() - 100, idle.toMillis() + 3_000);
                assertThat(opcodes).as("the silent witness is pinged first (keep-alive after 300 ms of silence)").contains(Frames.PING);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (server.server().openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.server().openConnections()).as("the stuck member was cut at its idle timeout too").isZero();
        }
    }

    /** The most a TCP send buffer grows to on Linux (tcp_wmem's third field; 4 MiB by default). */
    private static long sendBufferMaximum() throws IOException {
        Path wmem = Path.of("/proc/sys/net/ipv4/tcp_wmem");
        if (!Files.isReadable(wmem)) {
            return 4 << 20;
        }
        String[] fields = Files.readString(wmem).trim().split("\\s+");
        return Long.parseLong(fields[fields.length - 1]);
    }

    /**
     * A wss client whose close is of its TCP socket: the test's own side meets the same JSSE close,
     * and the stuck member's sender waits in a write holding its {@code SSLSocket}'s output lock.
     */
    private record Client(Socket tcp, SSLSocket tls) implements AutoCloseable {
        /** Connected and upgraded, {@code receiveBuffer} octets of receive buffer unless 0. */
        static Client open(TestServer server, int receiveBuffer) throws IOException {
            Socket tcp = new Socket();
            if (receiveBuffer > 0) {
                tcp.setReceiveBufferSize(receiveBuffer); // before connect: the window offered in the SYN
            }
            tcp.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            tcp.setSoTimeout(10_000);
            SSLSocket tls = (SSLSocket) CERTS.clientContext().getSocketFactory().createSocket(tcp, "localhost", server.port(), true);
            Client c = new Client(tcp, tls);
            try {
                upgrade(tls);
            } catch (IOException | RuntimeException | AssertionError e) {
                c.close();
                throw e;
            }
            return c;
        }

        @Override
        public void close() throws IOException {
            tcp.close();
        }
    }

    /** The upgrade to /echo-plain (no deflate: zeros would compress); fails unless 101. */
    private static void upgrade(SSLSocket s) throws IOException {
        String request = "GET /echo-plain HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + RawClient.KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        assertThat(head.toString()).as("the upgrade's answer").startsWith("HTTP/1.1 101");
    }
}
