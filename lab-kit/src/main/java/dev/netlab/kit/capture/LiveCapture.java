package dev.netlab.kit.capture;

import dev.netlab.kit.Require;
import dev.netlab.kit.pcap.CapturedPacket;
import dev.netlab.kit.pcap.PcapWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.BlockingMode;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.Pcaps;

/**
 * A live capture with libpcap (through pcap4j) into memory: what a checkpoint uses to see
 * the packets the learner's code really sent. Needs root or CAP_NET_RAW and libpcap
 * ({@link Require#captureAccess()} skips, or fails in strict mode, without them).
 *
 * <pre>{@code
 * try (LiveCapture capture = LiveCapture.loopback("tcp port " + port)) {
 *     ... talk to port ...
 *     capture.awaitPackets(p -> isSyn(p), 1, Duration.ofSeconds(2));
 *     capture.writePcap(Lab.capturesDir().resolve("2.01.pcap"));
 * }
 * }</pre>
 *
 * <p>The handle is opened on the thread that calls {@link #start}: a thread that entered a
 * network namespace ({@code setns}) captures in that namespace. A daemon platform thread
 * then polls the handle without blocking (sleeping {@value #IDLE_SLEEP_MILLIS} ms when
 * nothing is ready, so it notices {@link #stop()} within a few milliseconds), reads what is
 * left after the stop, and closes the handle. The kernel hands packets over in blocks
 * retired after the read timeout of {@value #READ_TIMEOUT_MILLIS} ms, so a packet shows up
 * in {@link #packets()} about that long after it was sent.
 */
public final class LiveCapture implements AutoCloseable {
    /** Enough for any frame on an interface with an MTU up to 64 KiB (loopback's is 65,536). */
    static final int SNAPLEN = 65_536;
    static final int READ_TIMEOUT_MILLIS = 10;
    /** How long the reader sleeps when no packet is ready: bounds how late it sees stop(). */
    static final int IDLE_SLEEP_MILLIS = 5;
    /** How long the reader goes on after stop(): several read timeouts, see {@link #read}. */
    static final Duration LINGER = Duration.ofMillis(5L * READ_TIMEOUT_MILLIS);
    private static final Duration STOP_WAIT = Duration.ofSeconds(1);
    private static final String LOOPBACK = "lo";

    private final String interfaceName;
    private final int linkType;
    private final List<CapturedPacket> packets = new ArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private LiveCapture(String interfaceName, PcapHandle handle) {
        this.interfaceName = interfaceName;
        this.linkType = handle.getDlt().value();
        this.reader = Thread.ofPlatform().daemon().name("live-capture-" + interfaceName).unstarted(() -> read(handle));
    }

    /**
     * Opens {@code interfaceName} on the calling thread (promiscuous, snaplen
     * {@value #SNAPLEN}), applies {@code bpfFilter} (tcpdump syntax; null or blank: all
     * packets) and starts reading.
     */
    public static LiveCapture start(String interfaceName, String bpfFilter) throws IOException {
        Require.captureAccess();
        PcapHandle handle = null;
        try {
            PcapNetworkInterface nif = Pcaps.getDevByName(interfaceName);
            if (nif == null) {
                throw new IOException("no network interface named " + interfaceName + " (see `ip link`)");
            }
            handle = nif.openLive(SNAPLEN, PromiscuousMode.PROMISCUOUS, READ_TIMEOUT_MILLIS);
            // With TPACKET_V3 (Linux libpcap >= 1.5) a blocking read on an idle interface
            // never returns: the read timeout only retires blocks that hold packets. So the
            // reader polls without blocking and sleeps briefly when nothing is ready.
            handle.setBlockingMode(BlockingMode.NONBLOCKING);
            if (bpfFilter != null && !bpfFilter.isBlank()) {
                handle.setFilter(bpfFilter, BpfCompileMode.OPTIMIZE);
            }
            LiveCapture capture = new LiveCapture(interfaceName, handle);
            capture.reader.start();
            return capture;
        } catch (PcapNativeException | NotOpenException e) {
            closeQuietly(handle);
            throw new IOException("could not capture on " + interfaceName
                    + (bpfFilter == null ? "" : " with filter '" + bpfFilter + "'") + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(handle);
            throw e;
        }
    }

    /** A capture on the loopback interface {@code lo} (Ethernet-framed on Linux: link type 1). */
    public static LiveCapture loopback(String bpfFilter) throws IOException {
        return start(LOOPBACK, bpfFilter);
    }

    private void read(PcapHandle handle) {
        try {
            while (running) {
                if (drain(handle) == 0) {
                    Thread.sleep(IDLE_SLEEP_MILLIS);
                }
            }
            // What the kernel captured before stop() may still sit in a block it has not
            // retired yet (it does so at the latest one read timeout after the block's first
            // packet): keep reading for a few read timeouts, then once more. Without this the
            // last packets of an exchange (a traceroute's final reply) were sometimes missing
            // from the file when the machine was busy.
            long until = System.nanoTime() + LINGER.toNanos();
            while (System.nanoTime() - until < 0) {
                if (drain(handle) == 0) {
                    Thread.sleep(IDLE_SLEEP_MILLIS);
                }
            }
            drain(handle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (NotOpenException | RuntimeException e) {
            failure = e;
        } finally {
            running = false;
            handle.close();
            synchronized (packets) {
                packets.notifyAll();
            }
        }
    }

    /** Reads every packet ready now; returns how many. Non-blocking: null means none ready. */
    private int drain(PcapHandle handle) throws NotOpenException {
        int n = 0;
        byte[] raw;
        while ((raw = handle.getNextRawPacket()) != null) {
            Timestamp ts = handle.getTimestamp(); // per thread in pcap4j: read on this thread
            Integer original = handle.getOriginalLength();
            Instant time = ts != null ? ts.toInstant() : Instant.now();
            add(new CapturedPacket(time, raw, original != null ? Math.max(original, raw.length) : raw.length));
            n++;
        }
        return n;
    }

    private void add(CapturedPacket p) {
        synchronized (packets) {
            packets.add(p);
            packets.notifyAll();
        }
    }

    public String interfaceName() {
        return interfaceName;
    }

    /** The handle's data link type (DLT), to be written as the pcap link type. */
    public int linkType() {
        return linkType;
    }

    /** The packets captured so far, in arrival order. */
    public List<CapturedPacket> packets() {
        synchronized (packets) {
            return List.copyOf(packets);
        }
    }

    /**
     * Waits until {@code count} captured packets match {@code p} and returns them, or returns
     * the matching ones there are when {@code timeout} runs out (or the capture stops).
     */
    public List<CapturedPacket> awaitPackets(Predicate<CapturedPacket> p, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (packets) {
            while (true) {
                List<CapturedPacket> matching = packets.stream().filter(p).toList();
                long left = deadline - System.nanoTime();
                if (matching.size() >= count || left <= 0 || !reader.isAlive() && !running) {
                    return matching.size() > count ? matching.subList(0, count) : matching;
                }
                TimeUnit.NANOSECONDS.timedWait(packets, left);
            }
        }
    }

    /** Writes what was captured so far to {@code file} as a classic pcap; returns {@code file}. */
    public Path writePcap(Path file) throws IOException {
        PcapWriter.write(file, linkType, packets());
        return file;
    }

    /** Why the reader ended early, if it did (the handle failed); null otherwise. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Stops reading and closes the handle: returns once the reader has ended, after it has
     * taken what the kernel still held (about {@link #LINGER}). Idempotent; the packets stay
     * available.
     */
    public void stop() {
        running = false;
        if (Thread.currentThread() == reader) {
            return;
        }
        try {
            reader.join(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private static void closeQuietly(PcapHandle handle) {
        if (handle != null && handle.isOpen()) {
            handle.close();
        }
    }
}
