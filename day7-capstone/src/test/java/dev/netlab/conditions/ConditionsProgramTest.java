package dev.netlab.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.kit.netns.LabNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@code conditions} program as a learner runs it: a command between two namespaces, then nothing left over. */
class ConditionsProgramTest {
    @Test
    @DisplayName("conditions --rtt 60ms -- ping: ping sees 60 ms, the exit status is ping's, the namespaces are gone after")
    void pingThroughTheProgram() throws Exception {
        ProgramProcess p = ProgramProcess.start("conditions", "--rtt", "60ms", "--loss-to-near", "0%", "--seed", "1",
                "--", "ping", "-n", "-c", "4", "-i", "0.2", "10.93.0.2");
        int exit = p.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS) ? p.process().exitValue() : -1;
        for (int i = 0; i < 50 && p.output().stream().noneMatch(l -> l.startsWith("conditions: to far")); i++) {
            Thread.sleep(100); // the last lines are still in the pipe
        }
        String out = String.join("\n", p.output());
        p.close();
        System.out.println(out);
        assertThat(exit).as(out).isZero();
        Matcher m = Pattern.compile("rtt min/avg/max/mdev = ([0-9.]+)/").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isBetween(60.0, 65.0);
        assertThat(out).contains("to far:  delay 30ms", "to near: delay 30ms");
        long pid = p.process().pid();
        try (Stream<Path> left = Files.list(Path.of("/run/netns"))) {
            assertThat(left.map(f -> f.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(LabNetwork.PREFIX + pid + "-"));
        }
    }

    @Test
    @DisplayName("the exit status of a failing command comes back")
    void exitStatus() throws Exception {
        ProgramProcess p = ProgramProcess.start("conditions", "--rtt", "2ms", "--", "sh", "-c", "exit 3");
        boolean done = p.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(done).isTrue();
        assertThat(p.process().exitValue()).isEqualTo(3);
        p.close();
    }
}
