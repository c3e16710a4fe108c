package dev.netlab.conditions;

import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.netns.DelayLine;
import dev.netlab.kit.netns.LabNetwork;
import dev.netlab.kit.netns.LinkConditions;
import dev.netlab.kit.netns.NetHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lesson's experiments, each one run in a fresh pair of namespaces joined by a
 * {@link DelayLine}: the sender or client in "near", the receiver or server in "far". The
 * tests run them at CI size and check their direction; {@link ExperimentCommand} runs them at
 * full size and prints the lesson's tables.
 */
public final class Experiments {
    private Experiments() {}

    /** One congestion-control run. */
    public record CcRun(String algorithm, double lossPercent, double goodputMbits, long retransmits) {}

    /**
     * iperf3 from near to far for {@code seconds} through {@code rate} and {@code rtt} (half each
     * way), losing {@code lossPercent} of the DATA direction's packets at random, with the
     * sender's namespace set to {@code net.ipv4.tcp_congestion_control = algorithm}.
     */
    public static CcRun congestionControl(String algorithm, double lossPercent, Duration rtt, long rateBits,
                                          int seconds, long seed) throws Exception {
        LinkConditions way = LinkConditions.NONE.withDelay(rtt.dividedBy(2)).withRate(rateBits);
        try (LabNetwork net = LabNetwork.create()) {
            DelayLine line = DelayLine.create(net, way.withLoss(lossPercent), way, seed);
            setCongestionControl(line.near(), algorithm);
            String set = line.near().exec(Duration.ofSeconds(10), "sysctl", "-n", "net.ipv4.tcp_congestion_control").stdout().trim();
            if (!set.equals(algorithm)) {
                throw new IllegalStateException("the namespace kept " + set + " instead of " + algorithm);
            }
            Iperf3.Result r = Iperf3.run(line, seconds);
            return new CcRun(algorithm, lossPercent, r.receivedMbits(), r.retransmits());
        }
    }

    private static final String ALLOWED = "net.ipv4.tcp_allowed_congestion_control";

    /**
     * {@code net.ipv4.tcp_congestion_control = algorithm} in one namespace. Linux lets a
     * namespace other than the first choose only an algorithm listed in the first namespace's
     * {@code net.ipv4.tcp_allowed_congestion_control} (others are "restricted": EPERM). When it
     * is not listed, it is added for the moment of the setting and the list put back as it was:
     * the namespace keeps its choice, the machine's settings end as they began.
     */
    static synchronized void setCongestionControl(NetHost host, String algorithm) {
        Peer.PeerResult direct = host.exec(Duration.ofSeconds(10), "sysctl", "-qw", "net.ipv4.tcp_congestion_control=" + algorithm);
        if (direct.exitCode() == 0) {
            return;
        }
        String allowed = Peer.exec(List.of("sysctl", "-n", ALLOWED), Duration.ofSeconds(10), null, "sysctl -n " + ALLOWED)
                .assertSuccess().stdout().trim();
        Peer.exec(List.of("sysctl", "-qw", ALLOWED + "=" + allowed + " " + algorithm), Duration.ofSeconds(10), null,
                "sysctl -w " + ALLOWED).assertSuccess();
        try {
            host.sysctl("net.ipv4.tcp_congestion_control", algorithm);
        } finally {
            Peer.exec(List.of("sysctl", "-qw", ALLOWED + "=" + allowed), Duration.ofSeconds(10), null,
                    "sysctl -w " + ALLOWED).assertSuccess();
        }
    }

    /** One receive-buffer run. */
    public record BufferRun(long rmemMaxBytes, double goodputMbits, double windowLimitMbits) {}

    /**
     * iperf3 from near to far through {@code rate} and {@code rtt} with the receiver's
     * namespace allowing at most {@code rmemMax} octets of receive buffer
     * ({@code net.ipv4.tcp_rmem = "4096 min(131072, max) max"}): the window it can advertise is
     * a part of that, so goodput stays under about buffer / RTT.
     */
    public static BufferRun receiveBuffer(long rmemMax, Duration rtt, long rateBits, int seconds) throws Exception {
        LinkConditions way = LinkConditions.NONE.withDelay(rtt.dividedBy(2)).withRate(rateBits);
        try (LabNetwork net = LabNetwork.create()) {
            DelayLine line = DelayLine.create(net, way, way, 1);
            setCongestionControl(line.near(), "cubic"); // the usual default, whatever this machine's is
            line.far().sysctl("net.ipv4.tcp_rmem", "4096 " + Math.min(131072, rmemMax) + " " + rmemMax);
            Iperf3.Result r = Iperf3.run(line, seconds);
            double limit = rmemMax * 8.0 / (rtt.toNanos() / 1e9) / 1e6;
            return new BufferRun(rmemMax, r.receivedMbits(), limit);
        }
    }

    /** How a page of many small resources loaded: one h2load run's wall time. */
    public record PageLoad(String protocol, int connections, double lossPercent, List<Double> millis) {
        public double median() {
            List<Double> s = millis.stream().sorted().toList();
            return s.get(s.size() / 2);
        }
    }

    static final int NGINX_H1_PORT = 8080;
    static final int NGINX_H2_PORT = 8081;
    private static final Pattern FINISHED = Pattern.compile("finished in ([0-9.]+)(ms|s|us)");
    private static final Pattern SUCCEEDED = Pattern.compile("(\\d+) succeeded");

    /**
     * nginx in far serves {@code resources} files of {@code size} octets; h2load in near fetches
     * all of them {@code loads} times over, each time with fresh connections, as a browser
     * loads a page: HTTP/1.1 over 6 connections (one request at a time on each), or HTTP/2
     * (cleartext, prior knowledge) over one connection with every request in flight at once.
     */
    public static List<PageLoad> pageLoads(double lossPercent, Duration rtt, long rateBits, int resources, int size,
                                           int loads, long seed) throws Exception {
        Require.tool("nginx");
        Require.tool("h2load");
        LinkConditions way = LinkConditions.NONE.withDelay(rtt.dividedBy(2)).withRate(rateBits);
        Path site = Files.createTempDirectory("netlab-page-");
        try (LabNetwork net = LabNetwork.create()) {
            DelayLine line = DelayLine.create(net, way.withLoss(lossPercent), way.withLoss(lossPercent), seed);
            setCongestionControl(line.far(), "cubic"); // the server sends the page: the usual default
            setCongestionControl(line.near(), "cubic");
            Path urls = site.resolve("urls.txt");
            writeSite(site, resources, size);
            Path conf = nginxConf(site);
            line.far().start("nginx", "-c", conf.toString(), "-p", site.toString());
            Iperf3.awaitListening(line.far(), NGINX_H1_PORT);
            Iperf3.awaitListening(line.far(), NGINX_H2_PORT);
            List<Double> h1 = new ArrayList<>();
            List<Double> h2 = new ArrayList<>();
            for (int i = 0; i < loads; i++) { // interleaved, so both see the same moments of a busy machine
                h1.add(h2load(line, urls, resources, NGINX_H1_PORT, "--h1", "-c", "6", "-m", "1"));
                h2.add(h2load(line, urls, resources, NGINX_H2_PORT, "-c", "1", "-m", Integer.toString(resources)));
            }
            return List.of(new PageLoad("HTTP/1.1", 6, lossPercent, h1), new PageLoad("HTTP/2", 1, lossPercent, h2));
        } finally {
            Peer.exec(List.of("rm", "-rf", site.toString()), Duration.ofSeconds(20), null, "rm -rf");
        }
    }

    private static double h2load(DelayLine line, Path urls, int resources, int port, String... options) {
        List<String> cmd = new ArrayList<>(List.of("h2load", "-n", Integer.toString(resources)));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-B", "http://" + DelayLine.FAR_ADDRESS + ":" + port, "-i", urls.toString()));
        Peer.PeerResult r = line.near().exec(Duration.ofSeconds(120), cmd.toArray(String[]::new));
        Matcher done = FINISHED.matcher(r.stdout());
        Matcher ok = SUCCEEDED.matcher(r.stdout());
        if (r.exitCode() != 0 || !done.find() || !ok.find() || Integer.parseInt(ok.group(1)) != resources) {
            throw new IllegalStateException("h2load did not fetch all " + resources + " resources: " + r.stdout() + r.stderr());
        }
        double v = Double.parseDouble(done.group(1));
        return switch (done.group(2)) {
            case "s" -> v * 1000;
            case "us" -> v / 1000;
            default -> v;
        };
    }

    private static void writeSite(Path site, int resources, int size) throws IOException {
        StringBuilder list = new StringBuilder();
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        Files.createDirectories(site.resolve("www"));
        for (int i = 0; i < resources; i++) {
            Files.write(site.resolve("www/r" + i + ".css"), body);
            list.append("/r").append(i).append(".css\n");
        }
        Files.writeString(site.resolve("urls.txt"), list);
    }

    private static Path nginxConf(Path site) throws IOException {
        Path conf = site.resolve("nginx.conf");
        Files.writeString(conf, """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log off;
                    keepalive_requests 10000;
                    client_body_temp_path %1$s/tmp;
                    proxy_temp_path %1$s/tmp;
                    fastcgi_temp_path %1$s/tmp;
                    uwsgi_temp_path %1$s/tmp;
                    scgi_temp_path %1$s/tmp;
                    server {
                        listen %2$s:%3$d;
                        listen %2$s:%4$d http2;
                        http2_max_concurrent_streams 256;
                        root %1$s/www;
                    }
                }
                """.formatted(site, DelayLine.FAR_ADDRESS, NGINX_H1_PORT, NGINX_H2_PORT));
        return conf;
    }
}
