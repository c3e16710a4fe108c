package dev.netlab.kit;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Opens the {@link Evidence} of each checkpoint test and saves it when the test fails:
 * the pcap of what was exchanged under {@code target/lab/captures/<id>.pcap} and the
 * transcript for the progress report. Added by {@link Checkpoint} itself.
 */
public final class CheckpointExtension implements BeforeEachCallback, AfterEachCallback {
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
