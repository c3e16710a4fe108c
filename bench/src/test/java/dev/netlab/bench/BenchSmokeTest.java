package dev.netlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The machinery works end to end. Smoke runs only: benchmarks proper never run in verify. */
class BenchSmokeTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static Stream<BenchSuite> suites() {
        return BenchSuites.all().stream();
    }

    @Test
    @DisplayName("the checksum suite of day 1 is registered")
    void checksumIsRegistered() {
        assertThat(BenchSuites.ofModule("day1-link-ip")).extracting(BenchSuite::id).contains("checksum");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    @DisplayName("every suite produces comparisons with finite, positive numbers in a smoke run")
    void suiteProducesComparisons(BenchSuite suite) throws Exception {
        var comparisons = suite.run(BenchConfig.smoke());

        assertThat(comparisons).isNotEmpty();
        for (Comparison c : comparisons) {
            assertThat(c.suite()).isEqualTo(suite.id());
            assertThat(c.name()).isNotBlank();
            assertThat(c.unit()).as("the unit says which way is better").containsPattern("(higher|lower) is better");
            assertThat(c.candidate()).as(c.name() + " candidate").isFinite().isPositive();
            assertThat(c.baseline()).as(c.name() + " baseline").isFinite().isPositive();
            assertThat(c.ratio()).as(c.name() + " ratio").isFinite().isPositive();
        }
    }

    @Test
    @DisplayName("BenchMain --smoke writes report.md, report.png and results.json")
    void mainWritesTheReport(@TempDir Path out) throws Exception {
        StringWriter log = new StringWriter();
        int exit = new CommandLine(new BenchMain())
                .setOut(new PrintWriter(log)).setErr(new PrintWriter(log))
                .execute("--smoke", "--module", "day1-link-ip", "--out", out.toString());

        assertThat(exit).as("exit code; output:%n%s", log).isZero();
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("# netlab benchmarks", "ratios from one run on one machine", "cores",
                "| comparison | candidate | baseline | unit | ratio |", "IPv4 header, 20 bytes");
        byte[] png = Files.readAllBytes(out.resolve("report.png"));
        assertThat(Arrays.copyOf(png, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
        assertThat(Files.readString(out.resolve("results.json"))).contains("\"ratio\"", "\"checksum\"");
    }

    @Test
    @DisplayName("an unknown module is a usage error, not an empty report")
    void unknownModule(@TempDir Path out) {
        int exit = new CommandLine(new BenchMain())
                .setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(new StringWriter()))
                .execute("--smoke", "--module", "day9-nothing", "--out", out.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.resolve("report.md")).doesNotExist();
    }

    @Test
    @DisplayName("a suite that throws is reported and makes the exit code non-zero")
    void failingSuite(@TempDir Path out) throws Exception {
        BenchSuite broken = new BenchSuite() {
            public String id() { return "broken"; }
            public String module() { return "nowhere"; }
            public String title() { return "always throws"; }
            public java.util.List<Comparison> run(BenchConfig config) { throw new IllegalStateException("boom"); }
        };
        SuiteResult result = SuiteResult.run(broken, BenchConfig.smoke());
        Report report = new Report(Machine.current(), BenchConfig.smoke(), java.util.List.of(result));

        assertThat(result.failed()).isTrue();
        assertThat(report.anyFailed()).isTrue();
        assertThat(report.markdown()).contains("FAILED", "boom");
    }
}
