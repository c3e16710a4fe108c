package dev.netlab.bench.checksum;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.bench.JmhRun;
import dev.netlab.link.InternetChecksum;
import java.util.List;
import java.util.Map;
import org.pcap4j.util.ByteArrays;

/** Day 1's Internet checksum against pcap4j's, on a 20-byte IPv4 header and a 1500-byte packet. */
public final class ChecksumSuite implements BenchSuite {

    private static final String CANDIDATE = "netlab InternetChecksum.checksum";
    private static final String BASELINE = "pcap4j 1.8.2 ByteArrays.calcChecksum";

    @Override
    public String id() {
        return "checksum";
    }

    @Override
    public String module() {
        return "day1-link-ip";
    }

    @Override
    public String title() {
        return "Internet checksum (RFC 1071)";
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        for (int size : new int[] {20, 1500}) {
            requireSameChecksum(ChecksumBenchmark.input(size));
        }
        JmhRun.Scores scores = JmhRun.run(config, ChecksumBenchmark.class, "candidate", "baseline");
        return List.of(
                compare(scores, "20", "IPv4 header, 20 bytes"),
                compare(scores, "1500", "packet, 1500 bytes"));
    }

    /** Comparing speeds only makes sense if both compute the same 16-bit value. */
    private static void requireSameChecksum(byte[] data) {
        int candidate = InternetChecksum.checksum(data, 0, data.length) & 0xffff;
        int baseline = ByteArrays.calcChecksum(data) & 0xffff;
        if (candidate != baseline) {
            throw new IllegalStateException(String.format(
                    "checksums differ on %d bytes: netlab 0x%04x, pcap4j 0x%04x", data.length, candidate, baseline));
        }
    }

    private Comparison compare(JmhRun.Scores scores, String size, String name) {
        JmhRun.Score candidate = scores.get("candidate", Map.of("size", size));
        JmhRun.Score baseline = scores.get("baseline", Map.of("size", size));
        return new Comparison(id(), name, Comparison.OPS_PER_SECOND, candidate.score(), baseline.score(),
                CANDIDATE, BASELINE, Map.of(
                        "candidate", candidate.describe(),
                        "baseline", baseline.describe(),
                        "size", size + " bytes"));
    }
}
