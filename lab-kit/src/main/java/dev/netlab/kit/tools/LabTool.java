package dev.netlab.kit.tools;

import dev.netlab.kit.Lab;
import dev.netlab.kit.ladder.LadderCommand;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The learner's tools behind {@code ./lab}: {@code progress}, {@code hint}, {@code diff},
 * {@code reset}, {@code watch}, {@code ladder} (and {@code tests-of}, which {@code ./lab test
 * <day> <id>} uses). Plain Java, so that Windows runs the same through Maven:
 * {@code mvnw.cmd -q -pl lab-kit compile exec:java@lab -Dexec.args="hint 1.04"}.
 */
@Command(name = "lab", mixinStandardHelpOptions = true, subcommands = {
        ProgressCommand.class, HintCommand.class, DiffCommand.class, ResetCommand.class, WatchCommand.class,
        LadderCommand.class, TestsOfCommand.class},
        description = "netlab's learner tools (the ./lab script runs them)")
public final class LabTool implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The project root: {@code -Dlab.root}, else found from the working directory. */
    public static Path root() {
        return Lab.root();
    }

    public static void main(String[] args) {
        int code = new CommandLine(new LabTool()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ToolException || e instanceof java.io.IOException) {
                        cmd.getErr().println("lab " + cmd.getCommandName() + ": " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
        System.exit(code);
    }
}
