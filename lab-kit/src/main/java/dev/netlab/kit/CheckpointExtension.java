package dev.netlab.kit;

import java.lang.reflect.AnnotatedElement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Opens the {@link Evidence} of each checkpoint test and saves it when the test fails:
 * the pcap of what was exchanged under {@code target/lab/captures/<id>.pcap} and the
 * transcript for the progress report. Added by {@link Checkpoint} itself.
 *
 * <p>It also reports an untouched stub once per checkpoint: the first test of a checkpoint
 * that fails on a stub fails as usual; later tests of that checkpoint failing on a stub
 * become {@link StubRepeated} (aborted), so a day of stubs prints one failure per
 * checkpoint, not one per test. A failure that is not a stub is always reported.
 */
public final class CheckpointExtension implements BeforeEachCallback, AfterEachCallback,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(CheckpointExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        checkpoint(context).ifPresent(cp -> context.getStore(NS).put("evidence", Evidence.open(cp.id())));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Evidence evidence = context.getStore(NS).remove("evidence", Evidence.class);
        if (evidence == null) {
            return;
        }
        try {
            if (context.getExecutionException().isPresent()) {
                evidence.save();
            }
        } catch (Exception e) {
            System.err.println("netlab: could not save the evidence of a failed checkpoint: " + e);
        } finally {
            Evidence.close(evidence);
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw oncePerCheckpoint(context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw oncePerCheckpoint(context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw oncePerCheckpoint(context, throwable);
    }

    /** The throwable to report: itself, or a {@link StubRepeated} when its checkpoint already reported a stub. */
    private static Throwable oncePerCheckpoint(ExtensionContext context, Throwable throwable) {
        Optional<Checkpoint> cp = checkpoint(context);
        String stub = StubRepeated.stubMessage(throwable);
        if (cp.isEmpty() || stub == null) {
            return throwable;
        }
        @SuppressWarnings("unchecked")
        Map<String, Boolean> reported = context.getRoot().getStore(NS)
                .getOrComputeIfAbsent("stubs-reported", k -> new ConcurrentHashMap<String, Boolean>(), Map.class);
        if (reported.putIfAbsent(cp.get().id(), Boolean.TRUE) == null) {
            return throwable;
        }
        StubRepeated repeated = new StubRepeated(cp.get().id(), stub);
        repeated.setStackTrace(new StackTraceElement[0]);
        return repeated;
    }

    private static Optional<Checkpoint> checkpoint(ExtensionContext context) {
        Optional<Checkpoint> onMethod = context.getTestMethod().map(m -> m.getAnnotation(Checkpoint.class));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Optional<Class<?>> c = context.getTestClass(); c.isPresent(); c = Optional.ofNullable(c.get().getEnclosingClass())) {
            AnnotatedElement e = c.get();
            if (e.getAnnotation(Checkpoint.class) != null) {
                return Optional.of(e.getAnnotation(Checkpoint.class));
            }
        }
        return Optional.empty();
    }
}
