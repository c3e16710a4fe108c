package dev.netlab.bench.abuse;

import dev.netlab.chat.programs.AbusePlan;
import dev.netlab.kit.launch.ProgramProcess;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Day 7's chat over HTTPS and WSS under abuse (chat members beside the attacks; probe p99 vs
 * alone): every attack of the CI's {@code AbuseTest} — HTTP/1.1 and WebSocket, h2, the WebSocket
 * over h2 (RFC 8441) and the plain-HTTP redirect port — at the bench's scale.
 */
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
        // the redirect port is known once the server runs: its attacks ask the started server for it
        AtomicReference<ProgramProcess> started = new AtomicReference<>();
        return List.of(new Target("chat", () -> {
            ProgramProcess p = AbusePlan.start(Files.createTempDirectory("netlab-abuse-chat").resolve("history.db"), true);
            started.set(p);
            return p;
        }, AbusePlan.probe(), AbusePlan.scenarios(scale, () -> AbusePlan.redirectAddress(started.get().output())),
                AbusePlan.P99_LIMIT_MILLIS, AbusePlan.RSS_BOUND_KIB));
    }

    @Override
    Address address() {
        return AbusePlan::address;
    }
}
