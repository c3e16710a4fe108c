package dev.netlab.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.history.HistoryStore;
import dev.netlab.chat.history.StoredMessage;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.StubProbe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No acknowledged message is lost: the chat service runs in a child JVM that prints every ack
 * the moment it is sent; the test kills it with SIGKILL ({@code kill -9}: no shutdown hook, no
 * flush, no close) in the middle of the stream, then opens the file and finds every
 * acknowledged message. A restart continues the ids; a SIGTERM stops it gracefully. Mistakes it
 * catches: acknowledging before the commit (the sequencer acks after {@code append} returns, so
 * a store that commits later, or leaves autocommit off without committing, loses acked
 * messages), an id reused after a restart, a database left unreadable by a crash.
 */
@Checkpoint(id = "7.08", title = "Durability: kill -9 and restart lose no acknowledged message",
        edit = "dev/netlab/chat/history/HistoryStore.java",
        hint = "append commits before it returns (WAL + synchronous=FULL); nothing is acknowledged that is not committed",
        readme = "#history")
class DurabilityTest {
    @TempDir
    Path dir;

    /** A running driver and the acks it printed (ref -> id). */
    private static final class Driver {
        final Process process;
        final Map<String, Long> acks = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> other = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CountDownLatch enough;

        /** Waits for the wanted acks, but not past the child's end (a stub, a crash). */
        boolean awaitEnough(long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                if (enough.await(200, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                if (!process.isAlive()) {
                    return enough.await(1, TimeUnit.SECONDS); // the last lines may still be on their way
                }
            }
            return false;
        }

        Driver(Process process, int wanted) {
            this.process = process;
            this.enough = new CountDownLatch(wanted);
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("ACK ")) {
                            String[] f = line.split(" ");
                            acks.put(f[1], Long.parseLong(f[2]));
                            enough.countDown();
                        } else {
                            other.add(line);
                        }
                    }
                } catch (IOException ignored) {
                    // killed
                }
            });
        }
    }

    private Driver start(String tag, int wanted) throws Exception {
        // the driver's first learner code, in this JVM: a stub fails here at once, not after the driver's JVM started
        StubProbe.failIfStub(Duration.ofSeconds(10), () -> HistoryStore.open(dir.resolve("stub-probe.db")).close());
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DurabilityDriver.class.getName(),
                dir.resolve("history.db").toString(), tag, "0");
        return new Driver(new ProcessBuilder(cmd).redirectErrorStream(true).start(), wanted);
    }

    private Map<String, StoredMessage> stored() throws Exception {
        Map<String, StoredMessage> byText = new HashMap<>();
        try (HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
            for (StoredMessage m : store.after("durable", 0, 1_000_000)) {
                byText.put(m.text(), m);
            }
        }
        return byText;
    }

    @Test
    @DisplayName("kill -9 in the middle of a stream of sends: every acknowledged message is in the database")
    void killNine() throws Exception {
        Driver first = start("k", 300);
        assertThat(first.awaitEnough(120)).as("300 acks (output: %s)", first.other).isTrue();
        first.process.destroyForcibly(); // SIGKILL on Unix
        assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        Map<String, Long> acked = Map.copyOf(first.acks);
        Map<String, StoredMessage> stored = stored();
        assertThat(acked.size()).isGreaterThanOrEqualTo(300);
        List<String> lost = new ArrayList<>();
        acked.forEach((ref, id) -> {
            StoredMessage m = stored.get("k " + ref.substring(2));
            if (m == null || m.id() != id) {
                lost.add(ref + "=" + id);
            }
        });
        assertThat(lost).as("acknowledged but not in the database after kill -9 (of %d acked, %d stored)", acked.size(), stored.size()).isEmpty();

        // the restart: the same file, ids go on above everything given out before
        long highest = acked.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        Driver second = start("s", 50);
        assertThat(second.awaitEnough(120)).as("50 acks after the restart (output: %s)", second.other).isTrue();
        second.process.destroy(); // SIGTERM: the shutdown hook stores what is pending
        assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Map<String, StoredMessage> after = stored();
        assertThat(second.acks.values()).allMatch(id -> id > highest);
        second.acks.forEach((ref, id) -> assertThat(after.get("s " + ref.substring(2))).as(ref).isNotNull()
                .extracting(StoredMessage::id).isEqualTo(id));
        acked.forEach((ref, id) -> assertThat(after.get("k " + ref.substring(2))).as("%s still there after the restart", ref).isNotNull());
    }
}
