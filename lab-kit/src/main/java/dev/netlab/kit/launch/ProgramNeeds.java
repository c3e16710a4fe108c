package dev.netlab.kit.launch;

import dev.netlab.kit.CheckpointCatalog;
import dev.netlab.kit.CheckpointResult;
import dev.netlab.kit.Lab;
import dev.netlab.kit.ProgressFile;
import dev.netlab.kit.StubException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message a program prints when it reaches a stub, and the stop. A program declares what
 * it runs on in its module's {@code programs.properties} ({@code serve.needs=3.01-3.13},
 * ranges and single ids, space- or comma-separated); without that, it needs every checkpoint
 * of the day up to the stub it reached. The message names every needed checkpoint that does
 * not pass in the learner's last test run ({@code checkpoints-exercises.json}) and the next
 * one to do:
 *
 * <pre>
 * serve: stopped: it reached a stub (not implemented yet: checkpoint 3.05 ... — see ...)
 * serve runs on checkpoints 3.01-3.13; not passing on your code yet: 3.02, 3.05, 3.08
 * next: 3.02 Header fields: grammar, limits, case-insensitive lookup
 *       ./lab test day3-http11 3.02     (./lab hint 3.02)
 * </pre>
 */
public final class ProgramNeeds {
    /** Set by the {@link Launcher}: the program's name and its declared needs. */
    static final String PROGRAM = "lab.program.name";
    static final String NEEDS = "lab.program.needs";

    private ProgramNeeds() {}

    /** True inside a program started by the {@link Launcher} (not in tests). */
    public static boolean inProgram() {
        return "true".equals(System.getProperty("lab.program"));
    }

    /**
     * Prints the message on stderr and ends the program with exit code 3. Shutdown hooks still
     * clean up (namespaces, listeners), but standard output is closed first, so none can print
     * as if the program had run (ping's statistics, a server's shutdown line).
     */
    public static void stop(StubException stub) {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.out.flush();
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
        err.print(message(stub));
        err.flush();
        System.exit(3);
    }

    public static String message(StubException stub) {
        String program = System.getProperty(PROGRAM, "the program");
        String module = Lab.module();
        CheckpointCatalog catalog = CheckpointCatalog.read(Lab.root(), module);
        String declared = System.getProperty(NEEDS, "").strip();
        List<String> needs = declared.isEmpty()
                ? catalog.entries().stream().map(CheckpointCatalog.Entry::id)
                        .filter(id -> CheckpointCatalog.compareIds(id, stub.checkpoint()) <= 0).toList()
                : expand(declared, catalog);
        Map<String, CheckpointResult> last = new LinkedHashMap<>();
        ProgressFile.read(ProgressFile.ofTrack(Lab.labDir(module), ProgressFile.EXERCISES))
                .ifPresent(p -> p.checkpoints().forEach(c -> last.put(c.id(), c)));
        List<String> missing = new ArrayList<>();
        for (String id : needs) {
            CheckpointResult r = last.get(id);
            if (r == null || !r.passed()) {
                missing.add(id);
            }
        }
        if (!missing.contains(stub.checkpoint())) {
            missing.add(stub.checkpoint());
            missing.sort(CheckpointCatalog::compareIds);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(program).append(": stopped: it reached a stub (").append(stub.getMessage()).append(")\n");
        sb.append(program).append(" runs on checkpoint").append(needs.size() == 1 ? " " : "s ")
                .append(declared.isEmpty() ? String.join(", ", needs) : declared).append("; not passing on your code yet")
                .append(last.isEmpty() ? " (no test run yet)" : "").append(": ").append(String.join(", ", missing)).append('\n');
        String next = missing.getFirst();
        String title = catalog.find(next).map(CheckpointCatalog.Entry::title).orElse("");
        sb.append("next: ").append(next).append(' ').append(title).append('\n');
        sb.append("      ./lab test ").append(module).append(' ').append(next).append("     (./lab hint ").append(next)
                .append(")\n");
        return sb.toString();
    }

    /** {@code "1.01-1.04 1.07"} → 1.01, 1.02, 1.03, 1.04, 1.07 (ranges over the day's checkpoints). */
    static List<String> expand(String spec, CheckpointCatalog catalog) {
        List<String> out = new ArrayList<>();
        for (String part : spec.split("[\\s,]+")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            if (dash < 0) {
                out.add(part);
                continue;
            }
            String from = part.substring(0, dash);
            String to = part.substring(dash + 1);
            catalog.entries().stream().map(CheckpointCatalog.Entry::id)
                    .filter(id -> CheckpointCatalog.compareIds(id, from) >= 0 && CheckpointCatalog.compareIds(id, to) <= 0)
                    .forEach(out::add);
        }
        return out.stream().distinct().sorted(CheckpointCatalog::compareIds).toList();
    }
}
