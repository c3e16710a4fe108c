package dev.netlab.bench;

import java.util.List;
import java.util.Optional;

/**
 * What one suite produced: its comparisons, or the failure that stopped it.
 *
 * @param id the suite id
 * @param module the lab module it measures
 * @param title the suite title
 * @param comparisons the comparisons (empty if it failed)
 * @param failure the exception, with where in netlab's code it came from, if the suite threw
 */
public record SuiteResult(String id, String module, String title, List<Comparison> comparisons,
                          Optional<String> failure) {

    public SuiteResult {
        comparisons = List.copyOf(comparisons);
    }

    static SuiteResult run(BenchSuite suite, BenchConfig config) {
        try {
            return new SuiteResult(suite.id(), suite.module(), suite.title(), suite.run(config), Optional.empty());
        } catch (Exception | LinkageError e) {
            return new SuiteResult(suite.id(), suite.module(), suite.title(), List.of(), Optional.of(describe(e)));
        }
    }

    /** The exception and where in netlab's code it came from (its first three netlab frames). */
    static String describe(Throwable e) {
        StringBuilder where = new StringBuilder(e.toString());
        int shown = 0;
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.netlab.") && shown++ < 3) {
                where.append(shown == 1 ? " at " : " < ").append(frame.getClassName().substring("dev.netlab.".length()))
                        .append('.').append(frame.getMethodName()).append(':').append(frame.getLineNumber());
            }
        }
        return where.toString();
    }

    public boolean failed() {
        return failure.isPresent();
    }
}
