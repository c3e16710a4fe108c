package dev.netlab.bench;

import java.util.List;
import java.util.Locale;

/**
 * One run of BenchMain: the machine, the configuration and every suite's result.
 *
 * @param machine where it ran
 * @param config how long it measured
 * @param suites the suites in the order they ran
 */
public record Report(Machine machine, BenchConfig config, List<SuiteResult> suites) {

    public Report {
        suites = List.copyOf(suites);
    }

    public boolean anyFailed() {
        return suites.stream().anyMatch(SuiteResult::failed);
    }

    /** report.md: machine facts, then one table per suite. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# netlab benchmarks\n\n");
        md.append("Numbers are **ratios from one run on one machine**: the reference code (candidate) and the baseline\n")
          .append("ran back to back in the same run. Absolute figures vary from machine to machine; compare ratios.\n")
          .append("ratio = candidate / baseline; the unit says whether higher or lower is better.\n\n");
        if (config.smokeRun()) {
            md.append("> **Smoke run**: one very short iteration each; these numbers only prove the machinery works.\n\n");
        }
        md.append("| machine | |\n|---|---|\n");
        md.append("| cores | ").append(machine.cores()).append(" |\n");
        md.append("| JDK | ").append(machine.jdk()).append(" |\n");
        md.append("| OS | ").append(machine.os()).append(" |\n");
        md.append("| date | ").append(machine.date()).append(" |\n");
        md.append("| JMH | warm-up ").append(config.warmup().toMillis()).append(" ms, measurement ")
          .append(config.measure().toMillis()).append(" ms per benchmark, forks ").append(config.forks())
          .append(" |\n\n");
        for (SuiteResult suite : suites) {
            md.append("## ").append(suite.title()).append("\n\n");
            md.append("Suite `").append(suite.id()).append("`, module `").append(suite.module()).append("`.\n\n");
            if (suite.failed()) {
                md.append("**FAILED**: `").append(suite.failure().orElseThrow()).append("`\n\n");
                continue;
            }
            md.append("| comparison | candidate | baseline | unit | ratio |\n|---|---:|---:|---|---:|\n");
            for (Comparison c : suite.comparisons()) {
                md.append("| ").append(c.name())
                  .append(" | ").append(number(c.candidate()))
                  .append(" | ").append(number(c.baseline()))
                  .append(" | ").append(c.unit())
                  .append(" | **").append(String.format(Locale.ROOT, "%.2f", c.ratio())).append("** |\n");
            }
            Comparison first = suite.comparisons().isEmpty() ? null : suite.comparisons().getFirst();
            if (first != null) {
                md.append("\ncandidate: ").append(first.candidateLabel())
                  .append("; baseline: ").append(first.baselineLabel()).append(".\n");
            }
            // Each distinct note once: the figures behind the ratios (latencies, errors, CPU, targets).
            java.util.Set<String> notes = new java.util.LinkedHashSet<>();
            for (Comparison c : suite.comparisons()) {
                c.notes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(n -> notes.add(
                        n.getKey().equals("candidate") ? c.candidateLabel() + ": " + n.getValue()
                        : n.getKey().equals("baseline") ? c.baselineLabel() + ": " + n.getValue()
                        : n.getKey() + ": " + n.getValue()));
            }
            if (!notes.isEmpty()) {
                md.append('\n');
                notes.forEach(n -> md.append("- ").append(n).append('\n'));
            }
            md.append('\n');
        }
        md.append("Chart: `report.png`; raw numbers: `results.json`.\n");
        return md.toString();
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.3g", value);
    }
}
