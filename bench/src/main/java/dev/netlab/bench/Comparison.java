package dev.netlab.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured case: the reference code (candidate) against a baseline, same run, same
 * machine. Only {@link #ratio()} is meant to travel between machines.
 *
 * @param suite the suite id
 * @param name the case, e.g. {@code "IPv4 header, 20 bytes"}
 * @param unit unit of both numbers, saying which way is better, e.g.
 *             {@link #OPS_PER_SECOND}
 * @param candidate the reference code's figure
 * @param baseline the baseline's figure
 * @param candidateLabel what the candidate is, e.g. {@code "netlab InternetChecksum"}
 * @param baselineLabel what the baseline is, e.g. {@code "pcap4j 1.8.2 ByteArrays.calcChecksum"}
 * @param notes anything else worth printing (score errors, parameters), in the order given;
 *              report.md shows them as a table below the suite's ratios
 */
public record Comparison(String suite, String name, String unit, double candidate, double baseline,
                         String candidateLabel, String baselineLabel, Map<String, String> notes) {

    /** Unit of JMH throughput scores. */
    public static final String OPS_PER_SECOND = "ops/s (higher is better)";

    public Comparison {
        notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes)); // keeps the suite's order
    }

    /**
     * candidate / baseline. With a higher-is-better unit, above 1.0 means the reference
     * code is faster; with a lower-is-better unit (latency), below 1.0 does.
     */
    public double ratio() {
        return candidate / baseline;
    }
}
