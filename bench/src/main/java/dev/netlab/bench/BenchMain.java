package dev.netlab.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the registered suites and writes report.md, report.png and results.json. Exit code
 * 0 when every suite ran, 1 when one threw (the others still run and are reported), 2 for
 * bad options.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures the netlab reference code against baselines and reports ratios from one run.")
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--module", paramLabel = "<id>",
            description = "Only the suites of this lab module, e.g. day1-link-ip (default: all).")
    String module;

    @Option(names = "--suite", paramLabel = "<id>", split = ",",
            description = "Only these suites, e.g. http1-parser (see --list; default: all of the module).")
    List<String> suiteIds;

    @Option(names = "--smoke", description = "About a second per suite; proves the machinery, numbers mean nothing.")
    boolean smoke;

    @Option(names = "--forks", paramLabel = "<n>",
            description = "JMH forks (default: 1, or 0 with --smoke); 0 measures in this JVM.")
    Integer forks;

    @Option(names = "--out", paramLabel = "<dir>", defaultValue = "bench/target",
            description = "Where report.md, report.png and results.json go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--list", description = "List the registered suites and exit.")
    boolean list;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (list) {
            for (BenchSuite s : BenchSuites.all()) {
                stdout.printf("%-14s %-16s %s%n", s.id(), s.module(), s.title());
            }
            stdout.flush();
            return 0;
        }
        List<BenchSuite> suites = BenchSuites.ofModule(module);
        if (suiteIds != null) {
            List<BenchSuite> chosen = suites.stream().filter(s -> suiteIds.contains(s.id())).toList();
            // ids are unique within a module; "abuse" exists in several, so count the ids found
            if (chosen.stream().map(BenchSuite::id).distinct().count() != suiteIds.stream().distinct().count()) {
                stderr.println("unknown suite among " + suiteIds + "; suites: "
                        + suites.stream().map(BenchSuite::id).toList());
                stderr.flush();
                return 2;
            }
            suites = chosen;
        }
        if (suites.isEmpty()) {
            TreeSet<String> modules = new TreeSet<>();
            BenchSuites.all().forEach(s -> modules.add(s.module()));
            stderr.println("no benchmark suite for module " + module + "; modules with suites: " + modules);
            stderr.flush();
            return 2;
        }
        BenchConfig config = smoke ? BenchConfig.smoke() : BenchConfig.full();
        if (forks != null) {
            config = new BenchConfig(config.warmup(), config.measure(), forks, config.smokeRun());
        }
        Machine machine = Machine.current();
        List<SuiteResult> results = new ArrayList<>();
        for (BenchSuite suite : suites) {
            stdout.printf("bench: running %s (%s) ...%n", suite.id(), suite.module());
            stdout.flush();
            SuiteResult result = SuiteResult.run(suite, config);
            if (result.failed()) {
                stderr.println("bench: suite " + suite.id() + " FAILED: " + result.failure().orElseThrow());
                stderr.flush();
            }
            for (Comparison c : result.comparisons()) {
                stdout.printf(Locale.ROOT, "bench: %s / %s: ratio %.2f (%s)%n", c.suite(), c.name(), c.ratio(), c.unit());
            }
            results.add(result);
        }
        Report report = new Report(machine, config, results);
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.md"), report.markdown(), StandardCharsets.UTF_8);
        ReportChart.write(report, out.resolve("report.png"));
        ResultsJson.write(report, out.resolve("results.json"));
        stdout.println("bench: wrote " + out.resolve("report.md") + ", report.png, results.json");
        stdout.flush();
        return report.anyFailed() ? 1 : 0;
    }
}
