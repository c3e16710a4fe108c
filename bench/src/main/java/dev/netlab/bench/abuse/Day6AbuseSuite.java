package dev.netlab.bench.abuse;

import dev.netlab.websocket.programs.AbusePlan;
import java.util.List;

/** Day 6's WebSocket server (/echo and /room) under abuse. */
public final class Day6AbuseSuite extends AbuseSuites {
    @Override
    public String module() {
        return "day6-websocket";
    }

    @Override
    public String title() {
        return "Abuse: day 6's WebSocket server (echo and room clients beside the attacks; probe p99 vs alone)";
    }

    @Override
    List<Target> targets(int scale) {
        return List.of(new Target("serve", AbusePlan::start, AbusePlan.probe(), AbusePlan.scenarios(scale),
                AbusePlan.P99_LIMIT_MILLIS, AbusePlan.RSS_BOUND_KIB));
    }

    @Override
    Address address() {
        return AbusePlan::address;
    }
}
