package dev.netlab.kit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * For a test that pays for something costly before it reaches the learner's code (a program in
 * a JVM of its own, a network namespace): it runs first, in this JVM, the learner code the test
 * would reach first (a server started and stopped), and fails at once with the
 * {@link StubException} when that code is still a stub, instead of after a JVM start (1–2 s of
 * CPU each on a 2-core machine) or a namespace's setup. Any other outcome (the code runs, fails
 * otherwise, or takes longer than {@code within}) is left to the test itself, which then runs
 * as before: a probe only makes a stub fail sooner, it never makes a test pass.
 *
 * <pre>{@code
 * StubProbe.failIfStub(Duration.ofSeconds(5), () -> {
 *     EchoServer s = model.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
 *     s.start();
 *     s.stop(Duration.ZERO);
 * });
 * try (ProgramProcess p = ProgramProcess.start(model.program(), "--port", "0")) { ... }
 * }</pre>
 */
public final class StubProbe {
    /** The learner code to try. */
    @FunctionalInterface
    public interface Probe {
        void run() throws Exception;
    }

    private StubProbe() {}

    /**
     * Runs {@code probe} on a thread of its own for at most {@code within}; rethrows the stub
     * exception it fails with, if any (the learner's stack frames are kept).
     */
    public static void failIfStub(Duration within, Probe probe) throws InterruptedException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("stub-probe").start(() -> {
            try {
                probe.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            done.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            StubException stub = StubReached.find(e.getCause());
            if (stub != null) {
                throw stub;
            }
        } catch (TimeoutException e) {
            // not a stub (a stub throws at once): the test finds out what it is
        }
    }
}
