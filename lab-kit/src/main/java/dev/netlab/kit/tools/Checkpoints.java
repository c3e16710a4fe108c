package dev.netlab.kit.tools;

import dev.netlab.kit.CheckpointCatalog;
import dev.netlab.kit.CheckpointResult;
import dev.netlab.kit.ProgressFile;
import java.nio.file.Path;
import java.util.Optional;

/** Finding a checkpoint by id, and its last result on the learner's code. */
final class Checkpoints {
    private Checkpoints() {}

    record Found(String module, CheckpointCatalog.Entry entry) {}

    static Found find(Path root, String id) {
        String module = CheckpointCatalog.moduleOf(root, id)
                .orElseThrow(() -> new ToolException("no day for checkpoint '" + id + "' (ids look like 1.04; days: "
                        + String.join(" ", CheckpointCatalog.dayModules(root)) + ")"));
        CheckpointCatalog catalog = CheckpointCatalog.read(root, module);
        CheckpointCatalog.Entry e = catalog.find(id).orElseThrow(() -> new ToolException(
                module + " has no checkpoint " + id + " (it has " + catalog.entries().stream()
                        .map(CheckpointCatalog.Entry::id).reduce((a, b) -> a + " " + b).orElse("none") + ")"));
        return new Found(module, e);
    }

    /** The checkpoint's result in the last run of the learner's own code, if any. */
    static Optional<CheckpointResult> lastResult(Path root, String module, String id) {
        Path labDir = root.resolve(module).resolve("target").resolve("lab");
        return ProgressFile.read(ProgressFile.ofTrack(labDir, ProgressFile.EXERCISES))
                .flatMap(p -> p.checkpoints().stream().filter(c -> c.id().equals(id)).findFirst());
    }
}
