package dev.netlab.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PeerTest {

    @Test
    @DisplayName("runs a tool, collects stdout and stderr, feeds stdin, reports the exit code")
    void runs() {
        Peer sh = Peer.require("sh");
        Peer.PeerResult r = sh.run(Duration.ofSeconds(10), "hello".getBytes(StandardCharsets.UTF_8),
                "-c", "cat; echo; echo oops >&2; exit 3");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.timedOut()).isFalse();
        assertThat(r.stdout()).isEqualTo("hello\n");
        assertThat(r.stderr()).isEqualTo("oops\n");
        assertThatThrownBy(r::assertSuccess).hasMessageContaining("exited 3").hasMessageContaining("oops");
    }

    @Test
    @DisplayName("a peer that outlives its timeout is killed, with its children, and reported as timed out")
    void timeout() {
        long start = System.nanoTime();
        Peer.PeerResult r = Peer.require("sh").run(Duration.ofMillis(300), "-c", "sleep 30 & sleep 30");
        assertThat(r.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("the command line a learner can paste quotes what the shell would split")
    void commandLine() {
        assertThat(Peer.require("sh").commandLine("-c", "echo it's", "plain-arg"))
                .isEqualTo("sh -c 'echo it'\\''s' plain-arg");
    }

    @Test
    @DisplayName("a missing tool skips with its install hint (fails in strict mode)")
    void missing() {
        assertThat(Peer.optional("netlab-no-such-tool")).isEmpty();
        assertThat(Require.installHint("tshark")).contains("apt-get install tshark");
        if (Lab.strict()) {
            assertThatThrownBy(() -> Peer.require("netlab-no-such-tool")).isInstanceOf(MissingRequirement.class)
                    .hasMessageStartingWith(MissingRequirement.PREFIX);
        } else {
            assertThatThrownBy(() -> Peer.require("netlab-no-such-tool"))
                    .isInstanceOf(org.opentest4j.TestAbortedException.class)
                    .hasMessageContaining("needs `netlab-no-such-tool` on the PATH");
        }
    }
}
