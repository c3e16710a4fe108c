package dev.netlab.bench.abuse;

import dev.netlab.tls.programs.AbusePlan;
import java.util.List;

/** Day 4's HTTPS server ({@code serve}) under TLS's attacks: {@link AbusePlan}. */
public final class Day4AbuseSuite extends AbuseSuites {
    @Override
    public String module() {
        return "day4-tls";
    }

    @Override
    public String title() {
        return "Abuse: day 4's HTTPS server under TLS attacks (probe p99 vs alone)";
    }

    @Override
    List<Target> targets(int scale) {
        return List.of(new Target("serve (HTTPS)", AbusePlan::start, AbusePlan::probe, AbusePlan.scenarios(scale),
                AbusePlan.P99_LIMIT_MILLIS, AbusePlan.RSS_BOUND_KIB));
    }

    @Override
    Address address() {
        return AbusePlan::address;
    }
}
