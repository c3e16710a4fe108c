package dev.netlab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** results.json: everything in report.md, as numbers, ratios included. */
final class ResultsJson {

    private ResultsJson() {
    }

    static void write(Report report, Path json) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("note", "ratios from one run on one machine; ratio = candidate / baseline");
        root.put("machine", report.machine());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("warmupMillis", report.config().warmup().toMillis());
        config.put("measureMillis", report.config().measure().toMillis());
        config.put("forks", report.config().forks());
        config.put("smoke", report.config().smokeRun());
        root.put("config", config);
        root.put("suites", report.suites().stream().map(ResultsJson::suite).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), root);
    }

    private static Map<String, Object> suite(SuiteResult suite) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", suite.id());
        m.put("module", suite.module());
        m.put("title", suite.title());
        suite.failure().ifPresent(f -> m.put("failure", f));
        List<Map<String, Object>> comparisons = suite.comparisons().stream().map(ResultsJson::comparison).toList();
        m.put("comparisons", comparisons);
        return m;
    }

    private static Map<String, Object> comparison(Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("unit", c.unit());
        m.put("candidate", c.candidate());
        m.put("baseline", c.baseline());
        m.put("ratio", c.ratio());
        m.put("candidateLabel", c.candidateLabel());
        m.put("baselineLabel", c.baselineLabel());
        m.put("notes", new java.util.TreeMap<>(c.notes()));
        return m;
    }
}
