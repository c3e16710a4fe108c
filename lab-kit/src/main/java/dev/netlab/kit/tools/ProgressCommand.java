package dev.netlab.kit.tools;

import dev.netlab.kit.ProgressSummary;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "progress", description = "every day with a bar, the next checkpoint and the command to run")
final class ProgressCommand implements Callable<Integer> {
    @Option(names = "--json", description = "one object per day, for tools")
    boolean json;

    @Override
    public Integer call() throws IOException {
        ProgressSummary.main(json ? new String[] {LabTool.root().toString(), "--json"} : new String[] {LabTool.root().toString()});
        return 0;
    }
}
