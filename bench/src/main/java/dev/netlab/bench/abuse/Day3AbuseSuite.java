package dev.netlab.bench.abuse;

import dev.netlab.http1.programs.AbusePlan;
import dev.netlab.http1.server.Server;
import java.util.List;
import java.util.stream.Stream;

/** Day 3's HTTP/1.1 server under abuse, on both engines. */
public final class Day3AbuseSuite extends AbuseSuites {
    @Override
    public String module() {
        return "day3-http11";
    }

    @Override
    public String title() {
        return "Abuse: day 3's HTTP/1.1 server, both engines, under attack (probe p99 vs alone)";
    }

    @Override
    List<Target> targets(int scale) {
        return Stream.of(Server.Engine.LOOP, Server.Engine.THREADS).map(e -> new Target("serve --engine " + e,
                () -> AbusePlan.start(e), AbusePlan::probe, AbusePlan.scenarios(scale), AbusePlan.P99_LIMIT_MILLIS,
                AbusePlan.RSS_BOUND_KIB)).toList();
    }

    @Override
    Address address() {
        return AbusePlan::address;
    }
}
