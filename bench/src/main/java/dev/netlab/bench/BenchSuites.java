package dev.netlab.bench;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The registered suites, from {@code META-INF/services/dev.netlab.bench.BenchSuite}. */
public final class BenchSuites {

    private BenchSuites() {
    }

    /** Every registered suite, ordered by module, then id. */
    public static List<BenchSuite> all() {
        return ServiceLoader.load(BenchSuite.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(BenchSuite::module).thenComparing(BenchSuite::id))
                .toList();
    }

    /** The suites of one lab module ({@code null}: all). */
    public static List<BenchSuite> ofModule(String module) {
        return all().stream().filter(s -> module == null || s.module().equals(module)).toList();
    }
}
