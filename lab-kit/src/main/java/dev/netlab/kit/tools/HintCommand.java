package dev.netlab.kit.tools;

import dev.netlab.kit.CheckpointResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./lab hint 1.04}: the checkpoint's hint, its last result, and its lesson section. */
@Command(name = "hint", description = "a checkpoint's hint and its lesson section, in the terminal")
final class HintCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<id>", description = "a checkpoint id, e.g. 1.04")
    String id;

    @Option(names = "--no-lesson", description = "the hint only, not the lesson section")
    boolean noLesson;

    @Override
    public Integer call() throws IOException {
        Path root = LabTool.root();
        Checkpoints.Found f = Checkpoints.find(root, id);
        var e = f.entry();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println();
        out.println(" " + e.id() + "  " + e.title() + "   (" + f.module() + ")");
        for (String edit : e.edit()) {
            out.println("   edit:    exercises/" + f.module() + "/" + edit);
        }
        if (!e.hint().isBlank()) {
            out.println("   hint:    " + e.hint());
        }
        if (!e.readme().isBlank()) {
            out.println("   read:    " + f.module() + "/README.md" + e.readme());
        }
        Checkpoints.lastResult(root, f.module(), e.id()).ifPresentOrElse(r -> {
            out.println("   last:    " + r.status() + (r.reason().isBlank() ? "" : ": " + r.reason()));
            CheckpointResult.Failure fail = r.failure();
            if (fail != null && fail.test() != null && !fail.test().isBlank()) {
                out.println("   test:    " + fail.test());
            }
            if (fail != null && fail.file() != null) {
                out.println("   at:      " + fail.file());
            }
        }, () -> out.println("   last:    not run yet on your code"));
        out.println("   run it:  ./lab test " + f.module() + " " + e.id());
        if (noLesson || e.readme().isBlank()) {
            return 0;
        }
        Path readme = root.resolve(f.module()).resolve("README.md");
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        var section = Markdown.section(lines, e.readme());
        out.println();
        if (section.isEmpty()) {
            out.println(" (no section " + e.readme() + " in " + f.module() + "/README.md)");
            return 1;
        }
        out.print(Markdown.render(section.get(), System.console() != null && System.getenv("NO_COLOR") == null));
        return 0;
    }
}
