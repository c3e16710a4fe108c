package dev.netlab.chat.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.server.ChatServer;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.tls.DevCertificates;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the chat's TLS handshakes run ({@code ChatHttpServer}): each on a platform thread of its
 * own ({@code chat-handshake}), which the kernel time-slices, once the client has sent its first
 * octets — a connection that sends nothing waits on its virtual thread and holds no platform
 * thread — and that thread ends with the handshake.
 *
 * <p>Mistakes it catches: the platform thread started before the first octets (a flood of silent
 * connections is then a thread each: {@link #silentConnectionsHoldNoThread}); a handshake thread
 * that outlives its connection ({@link #threadsEndWithTheirHandshakes}); the octets read before the
 * handshake not handed to it (every handshake fails: {@link #aClientStillHandshakes}).
 */
@Checkpoint(id = "7.09", title = "The chat program on HTTPS: h2 or HTTP/1.1 by ALPN, the page under a strict CSP, HSTS, the redirect, /metrics, /healthz, refusals",
        edit = {"dev/netlab/chat/web/UpgradeRouter.java"},
        hint = "./lab run day7-capstone starts it; it needs days 3-6 and 7.01-7.06 (its start-up check names what is missing and the command that runs on those days' references)",
        readme = "#the-chat-program")
class HandshakeThreadsTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    @DisplayName("a flood of connections that send nothing holds no handshake thread")
    void silentConnectionsHoldNoThread() throws Exception {
        try (ChatServer server = ChatServer.start(ChatServer.Options.testing(dir.resolve("a.db")))) {
            List<Socket> silent = connect(server.port(), 40);
            try {
                Thread.sleep(500); // accepted, and (were it wrong) their handshake threads started
                assertThat(handshakeThreads()).as("chat-handshake threads with 40 silent connections open").isZero();
                assertThat(handshakes(server.port(), "h2")).as("ALPN of a client beside them").isEqualTo("h2");
            } finally {
                closeAll(silent);
            }
        }
    }

    @Test
    @Timeout(60)
    @DisplayName("a client that began its ClientHello has a handshake thread, which ends when the connection does")
    void threadsEndWithTheirHandshakes() throws Exception {
        try (ChatServer server = ChatServer.start(ChatServer.Options.testing(dir.resolve("b.db")))) {
            List<Socket> begun = connect(server.port(), 5);
            try {
                for (Socket s : begun) {
                    s.getOutputStream().write(0x16); // RFC 8446 §5.1: a handshake record's content type, and no more
                    s.getOutputStream().flush();
                }
                assertThat(await(n -> n >= 5)).as("chat-handshake threads with 5 ClientHellos begun").isGreaterThanOrEqualTo(5);
            } finally {
                closeAll(begun);
            }
            assertThat(await(n -> n == 0)).as("chat-handshake threads once those connections closed").isZero();
        }
    }

    @Test
    @Timeout(60)
    @DisplayName("the octets read before the handshake reach it: clients handshake with h2 and with http/1.1")
    void aClientStillHandshakes() throws Exception {
        try (ChatServer server = ChatServer.start(ChatServer.Options.testing(dir.resolve("c.db")))) {
            assertThat(handshakes(server.port(), "h2")).isEqualTo("h2");
            assertThat(handshakes(server.port(), "http/1.1")).isEqualTo("http/1.1");
            assertThat(await(n -> n == 0)).as("chat-handshake threads after both handshakes").isZero();
        }
    }

    /** The live platform threads named {@code chat-handshake} in this JVM (the server runs in it). */
    private static int handshakeThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("chat-handshake")).count();
    }

    /** The handshake threads' count once {@code done} holds, or after 10 s. */
    private static int await(IntPredicate done) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        int n = handshakeThreads();
        while (!done.test(n) && System.nanoTime() < end) {
            Thread.sleep(20);
            n = handshakeThreads();
        }
        return n;
    }

    private static List<Socket> connect(int port, int n) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            sockets.add(s);
        }
        return sockets;
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
    }

    /** The protocol ALPN chose for a client (trusting the lab CA) that offered {@code alpn}. */
    private static String handshakes(int port, String alpn) throws IOException {
        try (SSLSocket tls = (SSLSocket) DevCertificates.standard().clientContext().getSocketFactory().createSocket("localhost", port)) {
            SSLParameters p = tls.getSSLParameters();
            p.setApplicationProtocols(new String[] {alpn});
            tls.setSSLParameters(p);
            tls.setSoTimeout(10_000);
            tls.startHandshake();
            return tls.getApplicationProtocol();
        }
    }
}
