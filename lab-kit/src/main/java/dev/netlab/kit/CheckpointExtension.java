package dev.netlab.kit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Collects the evidence of a checkpoint (transcripts, captures) and saves it when it fails. */
public final class CheckpointExtension implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        // filled in with the evidence machinery
    }
}
