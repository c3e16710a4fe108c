package dev.netlab.kit.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LeakCheckTest {

    @Test
    @DisplayName("a leak report says which kind of descriptor stayed open (listening sockets left open here)")
    void leakedSocketsAreNamed() throws Exception {
        assumeTrue(ProcessStats.available(), "reads /proc: Linux only");
        long pid = ProcessHandle.current().pid();
        LeakCheck check = LeakCheck.baseline(pid);
        List<ServerSocket> leaked = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                leaked.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            LeakCheck.Verdict verdict = check.after(Duration.ofMillis(200));

            assertThat(verdict.leaked()).isTrue();
            assertThat(verdict.descriptors()).containsPattern("(^|, )\\d{2,} TCP LISTEN(,|$)");
            assertThat(verdict.toString()).contains("held afterwards: ");
        } finally {
            for (ServerSocket s : leaked) {
                s.close();
            }
        }
    }

    @Test
    @DisplayName("a connection the peer closed and we did not is named CLOSE_WAIT (RFC 9293 §3.3.2), a live one ESTABLISHED")
    void socketStatesAreNamed() throws Exception {
        assumeTrue(ProcessStats.available(), "reads /proc: Linux only");
        long pid = ProcessHandle.current().pid();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> clients = new ArrayList<>();
            List<Socket> ours = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    clients.add(new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
                    ours.add(listener.accept());
                }
                int closeWait = count(LeakCheck.descriptors(pid), "TCP CLOSE_WAIT");
                int established = count(LeakCheck.descriptors(pid), "TCP ESTABLISHED");
                clients.get(0).close(); // its FIN: our accepted end goes to CLOSE_WAIT, and stays there until we close it
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                String held = LeakCheck.descriptors(pid);
                while (count(held, "TCP CLOSE_WAIT") == closeWait && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    held = LeakCheck.descriptors(pid);
                }

                assertThat(count(held, "TCP CLOSE_WAIT")).as(held).isEqualTo(closeWait + 1);
                assertThat(count(held, "TCP ESTABLISHED")).as(held).isEqualTo(established - 2); // both ends of the closed one
                assertThat(count(held, "TCP LISTEN")).as(held).isPositive();
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
                for (Socket s : ours) {
                    s.close();
                }
            }
        }
    }

    /** The count of {@code kind} in a report such as {@code 3 TCP ESTABLISHED, 1 file}; 0 if absent. */
    private static int count(String report, String kind) {
        for (String part : report.split(", ")) {
            if (part.endsWith(" " + kind)) {
                return Integer.parseInt(part.substring(0, part.indexOf(' ')));
            }
        }
        return 0;
    }
}
