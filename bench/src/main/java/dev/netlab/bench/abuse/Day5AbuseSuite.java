package dev.netlab.bench.abuse;

import dev.netlab.http2.programs.AbusePlan;
import java.util.List;

/** Day 5's HTTP/2 server (h2c) under HTTP/2's own attacks, h2 clients beside them. */
public final class Day5AbuseSuite extends AbuseSuites {
    @Override
    public String module() {
        return "day5-http2";
    }

    @Override
    public String title() {
        return "Abuse: day 5's HTTP/2 server under rapid reset, CONTINUATION, stream, SETTINGS and PING floods, "
                + "slowloris preface, zero-window readers (probe p99 vs alone)";
    }

    @Override
    List<Target> targets(int scale) {
        return List.of(new Target("serve (h2c)", AbusePlan::start, AbusePlan::probe, AbusePlan.scenarios(scale),
                AbusePlan.P99_LIMIT_MILLIS, AbusePlan.RSS_BOUND_KIB));
    }

    @Override
    Address address() {
        return AbusePlan::address;
    }
}
