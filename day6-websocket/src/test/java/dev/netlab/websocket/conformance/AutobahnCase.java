package dev.netlab.websocket.conformance;

import dev.netlab.websocket.RawClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One case: its Autobahn id, the endpoint, extra handshake fields, and what the client does and expects. */
public record AutobahnCase(String id, String path, List<String> fields, Body body) {
    @FunctionalInterface
    public interface Body {
        void run(CaseRun run) throws IOException;
    }

    public record Result(String id, Verdict verdict, List<String> notes) {}

    public static AutobahnCase of(String id, Body body) {
        return new AutobahnCase(id, "/echo-plain", List.of(), body);
    }

    public Result run(int port) {
        try (RawClient c = RawClient.open(port, path, fields.toArray(String[]::new))) {
            CaseRun run = new CaseRun(c);
            body.run(run);
            return new Result(id, run.verdict(), run.notes());
        } catch (IOException | AssertionError e) {
            return new Result(id, Verdict.FAILED, List.of("FAILED: " + e));
        }
    }

    /** Runs every case, prints the counts per verdict and every case that was not OK; returns the results. */
    public static List<Result> runAll(int port, List<AutobahnCase> cases, String title) {
        List<Result> results = new ArrayList<>();
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (AutobahnCase c : cases) {
            Result r = c.run(port);
            results.add(r);
            counts.merge(r.verdict(), 1, Integer::sum);
        }
        StringBuilder report = new StringBuilder(title + ": " + cases.size() + " cases;");
        counts.forEach((v, n) -> report.append(' ').append(v).append(' ').append(n));
        System.out.println(report);
        for (Result r : results) {
            if (r.verdict() != Verdict.OK) {
                System.out.println("  " + r.id() + " " + r.verdict() + " " + r.notes());
            }
        }
        return results;
    }
}
