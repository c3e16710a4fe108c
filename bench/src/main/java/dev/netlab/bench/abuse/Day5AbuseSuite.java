package dev.netlab.bench.abuse;

import dev.netlab.http2.programs.AbusePlan;
import java.util.List;

/** Day 5's HTTP/2 server under HTTP/2's own attacks, over h2c and over h2 with TLS (ALPN h2), h2 clients beside them. */
public final class Day5AbuseSuite extends AbuseSuites {
    @Override
    public String module() {
        return "day5-http2";
    }

    @Override
    public String title() {
        return "Abuse: day 5's HTTP/2 server under rapid reset, CONTINUATION, stream, SETTINGS and PING floods, "
                + "slowloris preface, zero-window readers, a connection flood past the cap, oversized content, "
                + "flow-control violations; h2c and h2 over TLS (probe p99 vs alone)";
    }

    @Override
    List<Target> targets(int scale) {
        return List.of(new Target("serve (h2c)", AbusePlan::start, AbusePlan::probe, AbusePlan.scenarios(scale),
                        AbusePlan.P99_LIMIT_MILLIS, AbusePlan.RSS_BOUND_KIB),
                new Target("serve --tls (h2)", () -> AbusePlan.start(true), AbusePlan::tlsProbe, AbusePlan.tlsScenarios(scale),
                        AbusePlan.P99_LIMIT_MILLIS, AbusePlan.RSS_BOUND_KIB));
    }

    @Override
    Address address() {
        return AbusePlan::address;
    }
}
