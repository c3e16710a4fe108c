package dev.netlab.bench.abuse;

import dev.netlab.websocket.programs.AbusePlan;
import java.util.List;

/**
 * Day 6's WebSocket server (/echo and /room) under abuse. {@code -Dnetlab.abuse.maxConnections=N}
 * starts it with {@code --max-connections N}, so that the connection flood (600 at the bench's
 * scale) goes past the cap: the cap-or-no-cap question of day 6's README, "Abuse".
 */
public final class Day6AbuseSuite extends AbuseSuites {
    /** {@code --max-connections} of the abused server; 0: its default (2,000, above the flood). */
    private static final int MAX_CONNECTIONS = Integer.getInteger("netlab.abuse.maxConnections", 0);

    @Override
    public String module() {
        return "day6-websocket";
    }

    @Override
    public String title() {
        return "Abuse: day 6's WebSocket server (echo and room clients beside the attacks; probe p99 vs alone)"
                + (MAX_CONNECTIONS > 0 ? ", --max-connections " + MAX_CONNECTIONS : "");
    }

    @Override
    List<Target> targets(int scale) {
        return List.of(new Target("serve", () -> AbusePlan.start(MAX_CONNECTIONS), AbusePlan.probe(), AbusePlan.scenarios(scale),
                AbusePlan.P99_LIMIT_MILLIS, AbusePlan.RSS_BOUND_KIB));
    }

    @Override
    Address address() {
        return AbusePlan::address;
    }
}
