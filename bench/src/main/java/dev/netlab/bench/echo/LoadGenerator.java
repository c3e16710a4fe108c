package dev.netlab.bench.echo;

import dev.netlab.kit.abuse.LatencyHistogram;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * An echo load generator on virtual threads, bounded in connections and time, loopback only.
 *
 * <p>First every connection is opened (at most {@link #CONNECT_PHASE}); then all start
 * together: a warm-up, then the measurement. Each connection sends a message, waits for the
 * whole echo, and repeats. Two ways to pace it:
 * <ul>
 *   <li><b>closed loop</b> ({@code ratePerConnection == 0}): the next message goes as soon as
 *       the echo is back. Measures the most the server does; latency is from send to echo;</li>
 *   <li><b>paced</b>: each connection sends at a fixed rate, on a schedule spread evenly over
 *       the connections. Latency is measured from the <em>intended</em> send time, so a server
 *       that stalls is charged for the messages the stall held back (no coordinated omission).</li>
 * </ul>
 * A message counts when its echo arrives inside the measurement window. An error ends its
 * connection and is counted once, whenever it happens (connect included).
 */
final class LoadGenerator {
    /** How long all connections may take to open. */
    static final Duration CONNECT_PHASE = Duration.ofSeconds(30);
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** An echo that takes longer than this is an error. */
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    /** Why a connection ended early. */
    enum ErrorKind {
        /** connect() failed: refused, reset, or no answer in 10 s. */
        CONNECT,
        /** The server closed or reset the connection: refused after accept, or overloaded. */
        CLOSED,
        /** No complete echo within 5 s (of its send; paced: of its intended send). */
        TIMEOUT
    }

    /**
     * @param ratePerConnection messages per second per connection; 0 = closed loop
     */
    record Plan(int connections, Duration warmup, Duration measure, int messageSize, double ratePerConnection) {
        boolean paced() {
            return ratePerConnection > 0;
        }

        Plan withWarmup(Duration warmup) {
            return new Plan(connections, warmup, measure, messageSize, ratePerConnection);
        }

        double offeredPerSecond() {
            return connections * ratePerConnection;
        }
    }

    /**
     * @param messages echoes received in the measurement window
     * @param latency the latencies of those echoes
     * @param serverCpuNanos CPU the server process used in the window; -1 if unknown
     * @param servedConnections connections that received at least one echo before the end
     */
    record Result(Plan plan, long messages, Map<ErrorKind, Long> errors, LatencyHistogram latency,
                  long serverCpuNanos, long servedConnections) {
        double messagesPerSecond() {
            return messages / (plan.measure().toNanos() / 1e9);
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Server CPU seconds per million echoed messages; NaN if unknown or nothing echoed. */
        double cpuSecondsPerMillion() {
            return messages == 0 || serverCpuNanos < 0 ? Double.NaN : serverCpuNanos / 1e9 / (messages / 1e6);
        }
    }

    private LoadGenerator() {
    }

    /** Runs {@code plan} against {@code server}; {@code serverCpuNanos} is read at the window's edges. */
    static Result run(InetSocketAddress server, Plan plan, LongSupplier serverCpuNanos) throws InterruptedException {
        Run run = new Run(server, plan);
        List<Thread> clients = new ArrayList<>(plan.connections());
        for (int i = 0; i < plan.connections(); i++) {
            int index = i;
            clients.add(Thread.ofVirtual().name("load-", i).start(() -> run.client(index)));
        }
        run.connected.await(CONNECT_PHASE.toMillis(), TimeUnit.MILLISECONDS);

        long start = System.nanoTime();
        run.measureFrom = start + plan.warmup().toNanos();
        run.end = run.measureFrom + plan.measure().toNanos();
        run.start = start;
        run.go.countDown();

        sleepUntil(run.measureFrom);
        long cpuBefore = serverCpuNanos.getAsLong();
        sleepUntil(run.end);
        long cpuAfter = serverCpuNanos.getAsLong();

        long joinBy = run.end + TimeUnit.MILLISECONDS.toNanos(READ_TIMEOUT_MILLIS + 2_000);
        for (Thread t : clients) {
            long left = joinBy - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                t.interrupt(); // closes its socket: a virtual thread blocked in I/O gives up at once
            }
        }
        for (Thread t : clients) {
            t.join();
        }
        Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
        for (ErrorKind k : ErrorKind.values()) {
            errors.put(k, run.errors.get(k).get());
        }
        long cpu = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
        return new Result(plan, run.histogram.count(), Map.copyOf(errors), run.histogram, cpu, run.served.get());
    }

    /** The state all clients of one run share. */
    private static final class Run {
        final InetSocketAddress server;
        final Plan plan;
        final CountDownLatch connected;
        final CountDownLatch go = new CountDownLatch(1);
        final LatencyHistogram histogram = new LatencyHistogram();
        final Map<ErrorKind, AtomicLong> errors = new EnumMap<>(ErrorKind.class);
        final AtomicLong served = new AtomicLong();
        // written before go.countDown(), read after go.await(): the latch orders them
        long start;
        long measureFrom;
        long end;

        Run(InetSocketAddress server, Plan plan) {
            this.server = server;
            this.plan = plan;
            this.connected = new CountDownLatch(plan.connections());
            for (ErrorKind k : ErrorKind.values()) {
                errors.put(k, new AtomicLong());
            }
        }

        void client(int index) {
            byte[] message = new byte[plan.messageSize()];
            Arrays.fill(message, (byte) 'x');
            byte[] echo = new byte[plan.messageSize()];
            Socket s = new Socket();
            try (s) {
                try {
                    s.setTcpNoDelay(true);
                    s.connect(server, CONNECT_TIMEOUT_MILLIS);
                    s.setSoTimeout(READ_TIMEOUT_MILLIS);
                } catch (IOException e) {
                    errors.get(ErrorKind.CONNECT).incrementAndGet();
                    return;
                } finally {
                    connected.countDown();
                }
                go.await();
                exchange(index, s.getOutputStream(), s.getInputStream(), message, echo);
            } catch (IOException | InterruptedException e) {
                // closing after the run: nothing to count
            }
        }

        /** Sends and reads echoes until the end of the run; counts the error that ends it early. */
        private void exchange(int index, OutputStream out, InputStream in, byte[] message, byte[] echo) {
            long interval = plan.paced() ? (long) (1e9 / plan.ratePerConnection()) : 0;
            // paced: connection i starts i/connections of an interval late, so sends spread evenly
            long intended = start + (plan.paced() ? interval * index / plan.connections() : 0);
            long sent = 0;
            boolean echoed = false;
            try {
                while (true) {
                    long now = System.nanoTime();
                    if (plan.paced()) {
                        if (intended - now > 0) {
                            sleepUntil(intended);
                        }
                        sent = intended;
                        intended += interval;
                    } else {
                        sent = now;
                    }
                    if (sent - end >= 0) {
                        return;
                    }
                    out.write(message);
                    if (in.readNBytes(echo, 0, echo.length) != echo.length) {
                        throw new EOFException("the server closed the connection");
                    }
                    long done = System.nanoTime();
                    if (done - sent > TimeUnit.MILLISECONDS.toNanos(READ_TIMEOUT_MILLIS)) {
                        // late, though before the socket's own timeout fired (say, while queued at
                        // the server, which only got to us when others closed at the end of the run)
                        throw new SocketTimeoutException("echo after " + (done - sent) / 1_000_000 + " ms");
                    }
                    if (!echoed && done - end < 0) {
                        echoed = true;
                        served.incrementAndGet();
                    }
                    if (done - measureFrom >= 0 && done - end < 0) {
                        histogram.recordNanos(done - sent);
                    }
                }
            } catch (SocketTimeoutException e) {
                errors.get(ErrorKind.TIMEOUT).incrementAndGet();
            } catch (IOException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    errors.get(ErrorKind.CLOSED).incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
