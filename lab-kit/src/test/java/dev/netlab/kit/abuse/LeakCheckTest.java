package dev.netlab.kit.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LeakCheckTest {

    @Test
    @DisplayName("a leak report says which kind of descriptor stayed open (sockets left open here)")
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
            assertThat(verdict.descriptors()).containsPattern("(^|, )\\d{2,} socket(,|$)");
            assertThat(verdict.toString()).contains("held afterwards: ");
        } finally {
            for (ServerSocket s : leaked) {
                s.close();
            }
        }
    }
}
