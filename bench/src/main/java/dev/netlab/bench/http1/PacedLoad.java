package dev.netlab.bench.http1;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A paced HTTP/1.1 load generator on virtual threads, bounded in connections and time,
 * loopback only: every keep-alive connection sends {@code GET path} on a fixed schedule
 * (one request every {@code interval}, the connections' schedules spread evenly over the
 * interval) and waits for the response before the next.
 *
 * <p><b>Coordinated omission</b>: a latency is measured from the moment the request was
 * <em>due</em>, not from when it was sent. A server that stalls for 50 ms delays every
 * request that should have gone out meanwhile, and each of them is charged the wait — a
 * closed-loop tool that only times the requests it managed to send would hide the stall.
 */
final class PacedLoad {
    /** Latency histogram: 10 µs buckets up to 1 s, then one overflow bucket. */
    private static final long BUCKET_NANOS = 10_000;
    private static final int BUCKETS = 100_001;
    private static final int TIMEOUT_MILLIS = 5_000;

    /**
     * @param requests responses received in the measurement window
     * @param errors   failed connects, reads, timeouts, closes and non-200 statuses (whole run)
     */
    record Result(int connections, long requests, long errors, double seconds, double p50Millis, double p99Millis,
                  double p999Millis, double maxMillis) {
        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    private PacedLoad() {
    }

    static Result run(InetSocketAddress server, String path, int connections, Duration interval, Duration warmup,
                      Duration measure) throws InterruptedException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.getPort()
                + "\r\nUser-Agent: netlab-paced-load\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong maxNanos = new AtomicLong();
        // every connection is open before the schedule starts: connecting is not what is measured
        List<Socket> sockets = new ArrayList<>(connections);
        try {
            for (int i = 0; i < connections; i++) {
                Socket s = new Socket();
                sockets.add(s);
                s.setTcpNoDelay(true);
                s.connect(server, TIMEOUT_MILLIS);
                s.setSoTimeout(TIMEOUT_MILLIS);
            }
        } catch (IOException e) {
            errors.incrementAndGet();
            closeAll(sockets);
            throw new IllegalStateException("could not open " + connections + " connections: " + e, e);
        }
        long start = System.nanoTime() + 50_000_000;
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        long step = interval.toNanos();
        List<Thread> clients = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            Socket socket = sockets.get(i);
            long first = start + step * i / connections;
            clients.add(Thread.ofVirtual().name("paced-", i).start(() -> {
                ResponseReader reader;
                try {
                    reader = new ResponseReader(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    for (long due = first; due - end < 0; due += step) {
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        out.write(request);
                        int status = reader.read();
                        long done = System.nanoTime();
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                        if (due - measureFrom >= 0) {
                            long latency = done - due;
                            requests.incrementAndGet();
                            histogram.incrementAndGet((int) Math.min(BUCKETS - 1, latency / BUCKET_NANOS));
                            maxNanos.accumulateAndGet(latency, Math::max);
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
            }));
        }
        for (Thread t : clients) {
            t.join(Duration.ofNanos(Math.max(1, end - System.nanoTime())).plusSeconds(10));
        }
        closeAll(sockets);
        for (Thread t : clients) {
            if (t.isAlive()) {
                errors.incrementAndGet(); // stuck past the end: count it, the close above wakes it
            }
        }
        return new Result(connections, requests.get(), errors.get(), measure.toNanos() / 1e9,
                percentile(histogram, 0.50), percentile(histogram, 0.99), percentile(histogram, 0.999),
                maxNanos.get() / 1e6);
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static double percentile(AtomicLongArray histogram, double q) {
        long total = 0;
        for (int i = 0; i < histogram.length(); i++) {
            total += histogram.get(i);
        }
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < histogram.length(); i++) {
            seen += histogram.get(i);
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1e6; // the bucket's upper edge, in ms
            }
        }
        return Double.NaN;
    }

    /**
     * Reads one response with a {@code Content-Length} body and returns its status code:
     * enough of RFC 9112 for the servers under test, which answer every request that way.
     */
    private static final class ResponseReader {
        private final InputStream in;
        private final byte[] buffer = new byte[8192];
        private int start;
        private int end;

        ResponseReader(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            int headEnd;
            while ((headEnd = indexOfHeadEnd()) < 0) {
                fill();
            }
            String head = new String(buffer, start, headEnd - start, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.substring(9, 12)); // "HTTP/1.1 200 OK"
            long length = contentLength(head);
            start = headEnd + 4;
            while (end - start < length) {
                fill();
            }
            start += (int) length;
            return status;
        }

        private int indexOfHeadEnd() {
            for (int i = start; i + 3 < end; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private static long contentLength(String head) throws IOException {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Content-Length")) {
                    return Long.parseLong(line.substring(colon + 1).strip());
                }
            }
            throw new IOException("a response without Content-Length: " + head);
        }

        private void fill() throws IOException {
            if (start == end) {
                start = end = 0;
            } else if (end == buffer.length) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                throw new IOException("the server closed the connection");
            }
            end += n;
        }
    }
}
