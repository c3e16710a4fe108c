package dev.netlab.bench.abuse;

import dev.netlab.transport.programs.AbusePlan;
import java.util.List;

/** Day 2's servers under abuse: the four echo models and the key-value server. */
public final class Day2AbuseSuite extends AbuseSuites {
    @Override
    public String module() {
        return "day2-tcp-udp";
    }

    @Override
    public String title() {
        return "Abuse: day 2's echo servers and key-value store under attack (probe p99 vs alone)";
    }

    @Override
    List<Target> targets(int scale) {
        return AbusePlan.PROGRAMS.stream().map(p -> new Target(p, () -> AbusePlan.start(p), () -> AbusePlan.probe(p),
                AbusePlan.scenarios(p, scale), AbusePlan.P99_LIMIT_MILLIS, AbusePlan.RSS_BOUND_KIB)).toList();
    }

    @Override
    Address address() {
        return AbusePlan::address;
    }
}
