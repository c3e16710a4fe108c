package dev.netlab.transport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 2.03: echo on virtual threads, through {@link EchoServerTests}, plus 1,000 idle
 * connections at once.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 4 mutants, 4 killed): {@code stop} closing open connections at once (no grace), or
 * never closing the stragglers; every connection served on the accepting thread, which passed
 * until {@code secondClientWhileFirstIsSilent} was added to {@link EchoServerTests}; and the JDK's
 * default accept backlog of 50 instead of 1,024, which {@code thousandIdleConnections} cannot see
 * (the acceptor takes the 1,000 connections as fast as they come, and overflowing the queue
 * would need the learner's acceptor stalled): the shared {@code acceptBacklog} reads the LISTEN
 * socket's Send-Q with {@code ss}, as the lesson shows it (the mutant: 50).
 */
@Checkpoint(id = "2.03", title = "Echo on virtual threads",
        edit = "dev/netlab/transport/VirtualThreadEchoServer.java",
        hint = "the thread-per-connection code with Thread.ofVirtual().start(...) for each connection",
        readme = "#echo-four-ways")
class VirtualThreadEchoServerTest extends EchoServerTests {
    @Override
    EchoServer create(InetSocketAddress bind) {
        return new VirtualThreadEchoServer(bind);
    }

    @Test
    @DisplayName("1,000 connections open at once, all idle, then each one echoes")
    void thousandIdleConnections() throws Exception {
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                Socket s = new Socket();
                s.connect(server.address(), 5000);
                s.setSoTimeout(5000);
                clients.add(s);
            }
            for (int i = 0; i < clients.size(); i++) {
                Socket s = clients.get(i);
                s.getOutputStream().write(("#" + i).getBytes(US_ASCII));
                s.shutdownOutput();
            }
            for (int i = 0; i < clients.size(); i++) {
                assertThat(new String(clients.get(i).getInputStream().readAllBytes(), US_ASCII)).isEqualTo("#" + i);
            }
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }
}
