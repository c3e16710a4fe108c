package dev.netlab.conditions;

import dev.netlab.kit.netns.LinkConditions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lab run day7-capstone experiment -- cc|buffer|hol [options]}: runs one of the
 * lesson's experiments at full size and prints its table in Markdown. Needs root (namespaces),
 * iperf3, for {@code hol} nginx and h2load, for {@code chat} curl and the chat's checkpoints.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Run one of ADVANCED.md's experiments and print its table: cc (CUBIC vs BBR), buffer (receive buffer vs BDP), hol (HTTP/1.1 x6 vs HTTP/2 x1 under loss), chat (the capstone chat at 300 ms RTT).")
public final class ExperimentCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "cc, buffer, hol or chat")
    String which;

    @Option(names = "--rtt", description = "round-trip time (default: cc 40ms, buffer 40ms, hol 80ms, chat 300ms)")
    String rtt;

    @Option(names = "--rate", description = "bottleneck rate (default: cc 50mbit, buffer 100mbit, hol 20mbit)")
    String rate;

    @Option(names = "--seconds", description = "seconds per iperf3 run (default ${DEFAULT-VALUE})")
    int seconds = 10;

    @Option(names = "--repeat", description = "runs per cell (default ${DEFAULT-VALUE}); the table shows each")
    int repeat = 3;

    @Option(names = "--loads", description = "hol: page loads per protocol and loss (default ${DEFAULT-VALUE})")
    int loads = 10;

    @Override
    public Integer call() throws Exception {
        switch (which) {
            case "cc" -> cc();
            case "buffer" -> buffer();
            case "hol" -> hol();
            case "chat" -> chat();
            default -> {
                System.err.println("experiment: cc, buffer, hol or chat, not " + which);
                return 2;
            }
        }
        return 0;
    }

    private Duration rtt(String fallback) {
        return LinkConditions.parseTime(rtt != null ? rtt : fallback);
    }

    private long rate(String fallback) {
        return LinkConditions.parseRate(rate != null ? rate : fallback);
    }

    private void cc() throws Exception {
        Duration r = rtt("40ms");
        long bits = rate("50mbit");
        System.out.printf("CUBIC vs BBR: %s, RTT %d ms, random loss on the data direction, iperf3 %d s per run%n%n",
                LinkConditions.NONE.withRate(bits).toString().replace("delay 0ms ", ""), r.toMillis(), seconds);
        System.out.println("| loss | CUBIC goodput (Mbit/s) | BBR goodput (Mbit/s) | CUBIC retransmits | BBR retransmits |");
        System.out.println("|---:|---|---|---|---|");
        for (double loss : new double[] {0, 1, 5}) {
            StringBuilder cubic = new StringBuilder();
            StringBuilder bbr = new StringBuilder();
            StringBuilder cubicRetr = new StringBuilder();
            StringBuilder bbrRetr = new StringBuilder();
            for (int i = 0; i < repeat; i++) {
                Experiments.CcRun c = Experiments.congestionControl("cubic", loss, r, bits, seconds, i + 1);
                Experiments.CcRun b = Experiments.congestionControl("bbr", loss, r, bits, seconds, i + 1);
                sep(cubic).append(f(c.goodputMbits()));
                sep(bbr).append(f(b.goodputMbits()));
                sep(cubicRetr).append(c.retransmits());
                sep(bbrRetr).append(b.retransmits());
            }
            System.out.printf("| %s %% | %s | %s | %s | %s |%n", f(loss), cubic, bbr, cubicRetr, bbrRetr);
        }
    }

    private void buffer() throws Exception {
        Duration r = rtt("40ms");
        long bits = rate("100mbit");
        double bdp = bits / 8.0 * r.toNanos() / 1e9;
        System.out.printf("Receive buffer vs BDP: rate %s, RTT %d ms, BDP %.0f KiB; the receiver's tcp_rmem max varies%n%n",
                rate != null ? rate : "100mbit", r.toMillis(), bdp / 1024);
        System.out.println("| tcp_rmem max | buffer / RTT (Mbit/s) | goodput (Mbit/s) |");
        System.out.println("|---:|---:|---|");
        for (long kib : new long[] {32, 64, 128, 256, 512, 1024, 4096}) {
            StringBuilder g = new StringBuilder();
            double limit = 0;
            for (int i = 0; i < repeat; i++) {
                Experiments.BufferRun b = Experiments.receiveBuffer(kib * 1024, r, bits, seconds);
                sep(g).append(f(b.goodputMbits()));
                limit = b.windowLimitMbits();
            }
            System.out.printf("| %d KiB | %s | %s |%n", kib, f(limit), g);
        }
    }

    private void hol() throws Exception {
        Duration r = rtt("80ms");
        long bits = rate("20mbit");
        int resources = 100;
        int size = 10 * 1024;
        System.out.printf("A page of %d resources of %d KiB: RTT %d ms, rate %s, random loss both ways; h2load, %d loads each%n%n",
                resources, size / 1024, r.toMillis(), rate != null ? rate : "20mbit", loads);
        System.out.println("| loss | HTTP/1.1, 6 connections: median (all, ms) | HTTP/2, 1 connection: median (all, ms) | HTTP/2 / HTTP/1.1 |");
        System.out.println("|---:|---|---|---:|");
        for (double loss : new double[] {0, 2}) {
            List<Experiments.PageLoad> p = Experiments.pageLoads(loss, r, bits, resources, size, loads, 17);
            System.out.printf("| %s %% | %.0f (%s) | %.0f (%s) | %.2f |%n", f(loss), p.get(0).median(), all(p.get(0)),
                    p.get(1).median(), all(p.get(1)), p.get(1).median() / p.get(0).median());
        }
    }

    private void chat() throws Exception {
        Duration r = rtt("300ms");
        List<ChatRoundTrips.Visit> visits = ChatRoundTrips.visit(r, repeat);
        double ms = r.toNanos() / 1e6;
        System.out.printf("The chat program in far on HTTPS (TLS 1.3; h2 or HTTP/1.1 by ALPN), curl and nghttp in near: "
                + "RTT %d ms, no loss; %d visits%n%n", r.toMillis(), repeat);
        System.out.println("| step | round trips | measured (ms) | ms / RTT |");
        System.out.println("|---|---:|---|---|");
        row("TCP handshake (curl's time_connect)", "1", visits, v -> v.h2().getFirst().connectMs(), ms);
        row("TLS 1.3 handshake done (time_appconnect)", "2", visits, v -> v.h2().getFirst().tlsMs(), ms);
        row("GET / on a new connection, first byte (h2)", "3", visits, v -> v.h2().getFirst().firstByteMs(), ms);
        row("h2: the page, then its 3 assets one after another on the connection", "6", visits,
                ChatRoundTrips.Visit::h2OneByOneMs, ms);
        row("h2, a browser's way (nghttp -a): the page, then the assets at once on its connection", "4", visits,
                ChatRoundTrips.Visit::h2BrowserMs, ms);
        row("HTTP/1.1: the page and its 3 assets, one connection", "6", visits, ChatRoundTrips.Visit::h1OneConnectionMs, ms);
        row("HTTP/1.1, a browser's way: the page, then the 3 assets at once on new connections", "6", visits,
                ChatRoundTrips.Visit::h1BrowserMs, ms);
        row("WebSocket upgrade of /chat on the page's HTTP/1.1 connection (" + visits.getFirst().upgrade().status() + ")", "1",
                visits, v -> v.upgrade().firstByteMs(), ms);
        row("http:// typed: the 308 from port " + ChatRoundTrips.REDIRECT_PORT + " (time_redirect)", "2", visits,
                v -> v.typedHttp().redirectMs(), ms);
        row("http:// typed: the page's last octet over HTTPS", "5", visits, v -> v.typedHttp().totalMs(), ms);
    }

    private static void row(String step, String rtts, List<ChatRoundTrips.Visit> visits,
                            java.util.function.ToDoubleFunction<ChatRoundTrips.Visit> f, double rttMs) {
        List<String> measured = visits.stream().map(v -> String.format(Locale.ROOT, "%.0f", f.applyAsDouble(v))).toList();
        List<String> ratio = visits.stream().map(v -> String.format(Locale.ROOT, "%.2f", f.applyAsDouble(v) / rttMs)).toList();
        System.out.printf("| %s | %s | %s | %s |%n", step, rtts, String.join(", ", measured), String.join(", ", ratio));
    }

    private static String all(Experiments.PageLoad p) {
        return String.join(", ", p.millis().stream().sorted().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }

    private static StringBuilder sep(StringBuilder sb) {
        return sb.isEmpty() ? sb : sb.append(", ");
    }

    private static String f(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
