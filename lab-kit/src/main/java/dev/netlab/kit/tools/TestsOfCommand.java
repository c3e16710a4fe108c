package dev.netlab.kit.tools;

import dev.netlab.kit.CheckpointCatalog;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tests-of <module> <id>...}: the test classes of checkpoints, as Surefire's -Dtest value. */
@Command(name = "tests-of", hidden = true, description = "the test classes of checkpoints (for -Dtest)")
final class TestsOfCommand implements Callable<Integer> {
    @Parameters(index = "0")
    String module;

    @Parameters(index = "1..*", arity = "1..*")
    String[] ids;

    @Override
    public Integer call() {
        CheckpointCatalog catalog = CheckpointCatalog.read(LabTool.root(), module);
        Set<String> classes = new LinkedHashSet<>();
        for (String id : ids) {
            CheckpointCatalog.Entry e = catalog.find(id).orElseThrow(() -> new ToolException(module + " has no checkpoint "
                    + id + " (it has " + String.join(" ", catalog.entries().stream().map(CheckpointCatalog.Entry::id).toList()) + ")"));
            classes.add(e.testClass());
        }
        System.out.println(String.join(",", classes));
        return 0;
    }
}
