package dev.netlab.kit.tools;

import dev.netlab.kit.CheckpointResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lab diff 1.04}: your file(s) of a checkpoint against the reference solution — only
 * once that checkpoint passes on your code, so the reference never spoils an exercise.
 */
@Command(name = "diff", description = "your files of a checkpoint against the reference, once it passes")
final class DiffCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<id>", description = "a checkpoint id, e.g. 1.04")
    String id;

    @Override
    public Integer call() throws IOException {
        Path root = LabTool.root();
        Checkpoints.Found f = Checkpoints.find(root, id);
        CheckpointResult last = Checkpoints.lastResult(root, f.module(), id).orElse(null);
        if (last == null || !last.passed()) {
            throw new ToolException("checkpoint " + id + " does not pass on your code yet ("
                    + (last == null ? "not run" : last.status()) + "): the reference is shown once it does. "
                    + "Try ./lab hint " + id + ", then ./lab test " + f.module() + " " + id);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int differing = 0;
        for (String edit : f.entry().edit()) {
            String yours = "exercises/" + f.module() + "/" + edit;
            String reference = "solutions/" + f.module() + "/" + edit;
            Path a = root.resolve(yours);
            Path b = root.resolve(reference);
            if (!Files.exists(a) || !Files.exists(b)) {
                out.println("(" + (Files.exists(a) ? reference : yours) + " is missing)");
                continue;
            }
            String diff = LineDiff.unified(yours, Files.readAllLines(a, StandardCharsets.UTF_8), reference,
                    Files.readAllLines(b, StandardCharsets.UTF_8), 3);
            if (diff.isEmpty()) {
                out.println("same as the reference: " + yours);
            } else {
                differing++;
                out.print(diff);
            }
        }
        out.println();
        out.println(differing == 0 ? "your code is the reference, line for line."
                : "lines with - are yours, + the reference's. Both pass " + id + ": read the reference for another way, not a verdict.");
        return 0;
    }
}
