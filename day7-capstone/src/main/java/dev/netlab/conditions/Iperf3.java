package dev.netlab.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.netns.DelayLine;
import dev.netlab.kit.netns.NetHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** iperf3 across a {@link DelayLine}: the server in "far", the client (the sender) in "near". */
final class Iperf3 {
    static final int PORT = 5201;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Iperf3() {}

    /** What one run measured. */
    record Result(double receivedMbits, long retransmits) {}

    /** Sends from near to far for {@code seconds}, extra iperf3 options after; the receiver's goodput. */
    static Result run(DelayLine line, int seconds, String... extra) throws InterruptedException {
        Require.tool("iperf3");
        line.far().start("iperf3", "-s", "-1", "-B", DelayLine.FAR_ADDRESS, "-p", Integer.toString(PORT));
        awaitListening(line.far(), PORT);
        String[] args = new String[7 + extra.length];
        args[0] = "iperf3";
        args[1] = "-J";
        args[2] = "-c";
        args[3] = DelayLine.FAR_ADDRESS;
        args[4] = "-t";
        args[5] = Integer.toString(seconds);
        args[6] = "-p" + PORT;
        System.arraycopy(extra, 0, args, 7, extra.length);
        Peer.PeerResult r = line.near().exec(Duration.ofSeconds(seconds + 30L), args);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("iperf3 failed: " + r.stdout() + r.stderr());
        }
        try {
            JsonNode end = JSON.readTree(r.stdout()).path("end");
            return new Result(end.path("sum_received").path("bits_per_second").asDouble() / 1e6,
                    end.path("sum_sent").path("retransmits").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException("iperf3 -J printed no JSON: " + r.stdout(), e);
        }
    }

    /** Waits (≤ 5 s) until something listens on TCP {@code port} in {@code host}. */
    static void awaitListening(NetHost host, int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (host.exec(Duration.ofSeconds(10), "ss", "-Hltn", "sport = :" + port).stdout().contains(":" + port)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("nothing listens on port " + port + " in " + host);
    }
}
