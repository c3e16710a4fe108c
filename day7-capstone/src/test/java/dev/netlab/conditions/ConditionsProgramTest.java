package dev.netlab.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Peer;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.kit.netns.LabNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@code conditions} program as a learner runs it: a command between two namespaces, then nothing left over. */
@org.junit.jupiter.api.Tag(dev.netlab.kit.FastTest.EXPERIMENT) // runs none of the learner's code: ./lab test's whole-day run leaves it to Maven
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
    @DisplayName("SIGTERM to the program (Ctrl-C in another terminal): the command stops, both namespaces and TUN devices go")
    void stoppedBySigterm() throws Exception {
        ProgramProcess p = ProgramProcess.start("conditions", "--rtt", "2ms", "--", "sleep", "120");
        List<String> namespaces = awaitNamespaces(p);
        assertThat(p.stop(Duration.ofSeconds(20))).as("the program ended by itself after SIGTERM").isNotEqualTo(-1);
        assertThat(existing(namespaces)).as("namespaces left after SIGTERM").isEmpty();
    }

    @Test
    @DisplayName("SIGKILL leaves the namespaces behind; the next LabNetwork removes them, TUN devices with them")
    void killedBySigkill() throws Exception {
        ProgramProcess p = ProgramProcess.start("conditions", "--rtt", "2ms", "--", "sleep", "120");
        List<String> namespaces = awaitNamespaces(p);
        p.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(p.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        for (String ns : namespaces) { // the command outlives the JVM: end it by its pid in the namespace
            for (String pid : Peer.exec(List.of("ip", "netns", "pids", ns), Duration.ofSeconds(10), null, "ip netns pids")
                    .stdout().split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        assertThat(existing(namespaces)).as("a killed process cannot clean up").isNotEmpty();
        LabNetwork.sweep(); // what every LabNetwork.create() does first
        assertThat(existing(namespaces)).as("namespaces of a dead owner after the sweep").isEmpty();
    }

    /** The namespaces the program announced ("near 10.93.0.1 (nl-...-near) <-> far ... (nl-...-far)"). */
    private static List<String> awaitNamespaces(ProgramProcess p) throws InterruptedException {
        Pattern names = Pattern.compile("\\((nl-[0-9]+-[0-9]+-near)\\) <-> far [0-9.]+ \\((nl-[0-9]+-[0-9]+-far)\\)");
        for (int i = 0; i < 600; i++) {
            for (String line : p.output()) {
                Matcher m = names.matcher(line);
                if (m.find() && p.output().stream().anyMatch(l -> l.contains("another terminal"))) {
                    List<String> found = List.of(m.group(1), m.group(2));
                    assertThat(existing(found)).containsExactlyInAnyOrderElementsOf(found);
                    return found;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the program announced no namespaces in 60 s: " + p.output());
    }

    private static List<String> existing(List<String> namespaces) {
        return namespaces.stream().filter(n -> Files.exists(Path.of("/run/netns", n))).toList();
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
