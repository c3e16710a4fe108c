package dev.netlab.kit.launch;

import dev.netlab.kit.capture.LiveCapture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    /** Prints the READY line and flushes it: tests and scripts wait for it. */
    public static void ready(String url) {
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
     * Blocks the calling thread until the JVM is asked to stop (SIGINT, SIGTERM), then runs
     * {@code stop} from the shutdown hook, which must return within {@link #SHUTDOWN_GRACE}.
     */
    public static void awaitShutdown(Runnable stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } finally {
                stopped.countDown();
            }
        }, "graceful-shutdown"));
        stopped.await();
    }

    /** Waits at most the grace period for {@code latch}; used by servers draining in-flight work. */
    public static boolean awaitGrace(CountDownLatch latch) throws InterruptedException {
        return latch.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
