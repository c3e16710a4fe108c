package dev.netlab.kit.launch;

import dev.netlab.kit.capture.LiveCapture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * The contract every server program of the lab keeps (LAB-DESIGN, "Programs and the
 * launcher"): it takes {@code --host} (default 127.0.0.1), {@code --port} (0 = any free
 * port) and {@code --capture FILE.pcap}; it prints exactly one line {@code READY <url>} on
 * stdout once it accepts connections; on SIGINT/SIGTERM it stops accepting, finishes what is
 * in flight and exits within {@link #SHUTDOWN_GRACE}.
 *
 * <pre>{@code
 * server.start();
 * ServerContract.captureIfAsked(captureFile, server.port());
 * ServerContract.ready("http://127.0.0.1:" + server.port() + "/");
 * ServerContract.awaitShutdown(server::stopGracefully);
 * }</pre>
 */
public final class ServerContract {
    private ServerContract() {}

    /** How long a server may take to stop after SIGINT/SIGTERM. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    /** Counted down by SIGINT/SIGTERM once {@link #catchSignals()} ran. */
    private static final CountDownLatch ASKED_TO_STOP = new CountDownLatch(1);

    /** Null until the first call of {@link #catchSignals()}; then whether it worked. */
    private static Boolean signalsCaught;

    /**
     * Prints the READY line and flushes it: tests and scripts wait for it. From here on a
     * SIGINT/SIGTERM is held for {@link #awaitShutdown}, so a signal sent the moment READY is
     * read is not lost to the JVM's default handling.
     */
    public static void ready(String url) {
        catchSignals();
        System.out.println("READY " + url);
        System.out.flush();
    }

    /**
     * With {@code file != null}, captures the server's own traffic live (loopback, {@code tcp
     * port N or udp port N}) and writes it to {@code file} when the JVM exits. Needs root or
     * CAP_NET_RAW; without them the capture is refused with the reason.
     */
    public static LiveCapture captureIfAsked(Path file, int port) throws IOException {
        if (file == null) {
            return null;
        }
        LiveCapture capture = LiveCapture.loopback("tcp port " + port + " or udp port " + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            capture.stop();
            try {
                capture.writePcap(file);
                System.err.println("capture: " + file + " (" + capture.packets().size() + " packets)");
            } catch (IOException e) {
                System.err.println("could not write " + file + ": " + e.getMessage());
            }
        }, "capture-writer"));
        return capture;
    }

    /**
     * Blocks the calling thread until the program is asked to stop (SIGINT from Ctrl-C,
     * SIGTERM from {@code kill} or a test), then runs {@code stop} on the calling thread, which
     * must return within {@link #SHUTDOWN_GRACE}, and returns: a server that stopped as asked
     * ends with exit status 0, like nginx or curl, not the JVM's default 130/143 for a signal.
     *
     * <p>The signals are caught with {@code sun.misc.Signal} (module {@code jdk.unsupported},
     * present in every JDK since 9). Where it cannot be used, or when the JVM exits for another
     * reason ({@code System.exit}, the last non-daemon thread), a shutdown hook still runs
     * {@code stop} once.
     */
    public static void awaitShutdown(Runnable stop) throws InterruptedException {
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stopOnce = () -> {
            if (stopped.compareAndSet(false, true)) {
                stop.run();
            }
        };
        Thread hook = new Thread(stopOnce, "graceful-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (!catchSignals()) {
            // Without signal handlers the JVM's own SIGTERM handling runs the hook, then exits 143.
            new CountDownLatch(1).await();
        }
        ASKED_TO_STOP.await();
        System.err.println("stopping: finishing what is in flight");
        stopOnce.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the JVM is exiting anyway; the hook found stop already done
        }
    }

    /**
     * Routes SIGINT and SIGTERM to {@link #ASKED_TO_STOP} (once per JVM); false if this JVM does
     * not allow it. A signal the parent left ignored stays ignored, as POSIX intends: a shell
     * starts background jobs with SIGINT ignored, so Ctrl-C in that shell does not reach them.
     */
    private static synchronized boolean catchSignals() {
        if (signalsCaught == null) {
            try {
                for (String name : new String[] {"INT", "TERM"}) {
                    Signal.handle(new Signal(name), signal -> ASKED_TO_STOP.countDown());
                }
                signalsCaught = true;
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // e.g. -Xrs, or a signal already used by the JVM on this platform
                signalsCaught = false;
            }
        }
        return signalsCaught;
    }

    /** Waits at most the grace period for {@code latch}; used by servers draining in-flight work. */
    public static boolean awaitGrace(CountDownLatch latch) throws InterruptedException {
        return latch.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
