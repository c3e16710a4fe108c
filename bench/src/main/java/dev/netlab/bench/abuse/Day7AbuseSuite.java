package dev.netlab.bench.abuse;

import dev.netlab.chat.programs.AbusePlan;
import java.nio.file.Files;
import java.util.List;

/** Day 7's chat over HTTPS and WSS under abuse (chat members beside the attacks; probe p99 vs alone). */
public final class Day7AbuseSuite extends AbuseSuites {
    @Override
    public String module() {
        return "day7-capstone";
    }

    @Override
    public String title() {
        return "Abuse: day 7's chat over HTTPS/WSS (members of one room beside the attacks; probe p99 vs alone)";
    }

    @Override
    List<Target> targets(int scale) {
        return List.of(new Target("chat", () -> AbusePlan.start(Files.createTempDirectory("netlab-abuse-chat").resolve("history.db")),
                AbusePlan.probe(), AbusePlan.scenarios(scale, null), AbusePlan.P99_LIMIT_MILLIS, AbusePlan.RSS_BOUND_KIB));
    }

    @Override
    Address address() {
        return AbusePlan::address;
    }
}
