package dev.netlab.bench.tls;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.bench.http1.ServerProcess;
import dev.netlab.kit.tls.DevCertificates;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Bulk transfer over TLS 1.3 through day 4's SSLEngine driver ({@code TlsChannel}, the reference,
 * on a blocking {@code SocketChannel}) against the JDK's own {@code SSLSocket}, both servers
 * the same {@link BulkServer} code around the TLS layer, each in a process of its own. The
 * client is a JSSE {@code SSLSocket} in this JVM: one connection per transfer, the handshake
 * outside the clock, 64 KiB writes; the server sends (download) or receives (upload) the
 * octets. MB/s (10^6 octets) and the server's CPU seconds per GiB; servers in interleaved
 * rounds, medians compared.
 *
 * <p>Target (issue 12): at least 0.95× the SSLSocket's MB/s.
 */
public final class BulkSuite implements BenchSuite {
    static final String MB_PER_SECOND = "MB/s (higher is better)";
    static final String CPU = "server CPU s per GiB (lower is better)";
    static final int ROUNDS = 5;
    static final long FULL_SIZE = 256L << 20;
    static final long SMOKE_SIZE = 4L << 20;

    private record Server(String kind, String label, String shortName) {}

    private record Round(long octets, double seconds, double cpuSeconds) {
        double megabytesPerSecond() {
            return octets / seconds / 1e6;
        }

        double cpuPerGiB() {
            return cpuSeconds / (octets / (double) (1L << 30));
        }
    }

    private record Measured(List<Round> rounds) {
        double megabytesPerSecond() {
            return TlsBench.median(rounds.stream().mapToDouble(Round::megabytesPerSecond).toArray());
        }

        double cpuPerGiB() {
            return TlsBench.median(rounds.stream().mapToDouble(Round::cpuPerGiB).toArray());
        }

        String describe() {
            String each = rounds.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.megabytesPerSecond()))
                    .collect(Collectors.joining(" / "));
            return String.format(Locale.ROOT, "median of %d rounds: %,.0f MB/s (rounds %s), %.2f server CPU s per GiB",
                    rounds.size(), megabytesPerSecond(), each, cpuPerGiB());
        }
    }

    @Override
    public String id() {
        return "tls-bulk";
    }

    @Override
    public String module() {
        return TlsBench.MODULE;
    }

    @Override
    public String title() {
        return "Bulk transfer over TLS 1.3: the SSLEngine driver against SSLSocket (one connection, loopback)";
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        long size = config.smokeRun() ? SMOKE_SIZE : FULL_SIZE;
        int rounds = config.smokeRun() ? 1 : ROUNDS;
        SSLContext client = DevCertificates.standard().clientContext();
        List<Server> servers = List.of(
                new Server("bulk-tlschannel", "netlab TlsChannel (SSLEngine driver, blocking SocketChannel)", "TlsChannel"),
                new Server("bulk-sslsocket", "JSSE SSLSocket", "SSLSocket"));
        List<ServerProcess> processes = new ArrayList<>();
        Map<Byte, Map<String, List<Round>>> measured = new LinkedHashMap<>(); // direction -> server -> rounds
        for (byte direction : new byte[] {BulkServer.DOWNLOAD, BulkServer.UPLOAD}) {
            Map<String, List<Round>> byServer = new LinkedHashMap<>();
            servers.forEach(s -> byServer.put(s.label(), new ArrayList<>()));
            measured.put(direction, byServer);
        }
        try {
            for (Server s : servers) {
                processes.add(ServerProcess.java(s.kind(), TlsServerHost.class, s.kind()));
            }
            if (!config.smokeRun()) {
                for (ServerProcess p : processes) { // warm-up: both directions, a quarter of a round's size
                    transfer(client, p.port(), BulkServer.DOWNLOAD, size / 4);
                    transfer(client, p.port(), BulkServer.UPLOAD, size / 4);
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < servers.size(); k++) {
                    int i = (round + k) % servers.size();
                    for (byte direction : new byte[] {BulkServer.DOWNLOAD, BulkServer.UPLOAD}) {
                        double cpuBefore = processes.get(i).cpuSeconds();
                        double seconds = transfer(client, processes.get(i).port(), direction, size);
                        Round m = new Round(size, seconds, processes.get(i).cpuSeconds() - cpuBefore);
                        System.out.printf(Locale.ROOT, "%s: round %d %-62s %-8s %,7.0f MB/s, %.2f server CPU s per GiB%n",
                                id(), round + 1, servers.get(i).label(), name(direction), m.megabytesPerSecond(), m.cpuPerGiB());
                        System.out.flush();
                        measured.get(direction).get(servers.get(i).label()).add(m);
                    }
                }
            }
        } finally {
            for (ServerProcess p : processes) {
                p.close();
            }
        }
        List<Comparison> out = new ArrayList<>();
        Server c = servers.get(0);
        Server b = servers.get(1);
        for (byte direction : new byte[] {BulkServer.DOWNLOAD, BulkServer.UPLOAD}) {
            Measured cm = new Measured(measured.get(direction).get(c.label()));
            Measured bm = new Measured(measured.get(direction).get(b.label()));
            String name = name(direction) + " " + (size >> 20) + " MiB, TlsChannel vs SSLSocket";
            out.add(comparison(name, MB_PER_SECOND, cm.megabytesPerSecond(), bm.megabytesPerSecond(), c, b, cm, bm,
                    "MB/s ≥ 0.95× the SSLSocket's (issue 12)"));
            out.add(comparison(name + ", CPU", CPU, cm.cpuPerGiB(), bm.cpuPerGiB(), c, b, cm, bm, "reported"));
        }
        return out;
    }

    private static String name(byte direction) {
        return direction == BulkServer.DOWNLOAD ? "download" : "upload";
    }

    /** One transfer on a new connection; the seconds from the request to the last octet (download) or the answer (upload). */
    static double transfer(SSLContext context, int port, byte direction, long length) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            socket.startHandshake();
            byte[] buffer = new byte[BulkServer.CHUNK];
            long start = System.nanoTime();
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeByte(direction);
            out.writeLong(length);
            out.flush();
            InputStream in = socket.getInputStream();
            if (direction == BulkServer.DOWNLOAD) {
                long got = 0;
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    got += n;
                }
                if (got != length) {
                    throw new IOException("got " + got + " of " + length + " octets");
                }
            } else {
                OutputStream raw = socket.getOutputStream();
                for (long left = length; left > 0; ) {
                    int n = (int) Math.min(buffer.length, left);
                    raw.write(buffer, 0, n);
                    left -= n;
                }
                raw.flush();
                if (in.read() != BulkServer.DONE) {
                    throw new IOException("the server did not confirm the upload");
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private Comparison comparison(String name, String unit, double candidate, double baseline, Server c, Server b,
                                  Measured cm, Measured bm, String target) {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("candidate", cm.describe());
        notes.put("baseline", bm.describe());
        notes.put("load", "a JSSE SSLSocket client in the bench JVM, one connection per transfer, 64 KiB writes, "
                + "TLS 1.3 TLS_AES_128_GCM_SHA256; interleaved rounds, medians compared");
        notes.put("target", target);
        return new Comparison(id(), name, unit, candidate, baseline, c.label(), b.label(), notes);
    }
}
