package dev.netlab.kit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./lab progress [--json]}: every day with a bar, the next checkpoint and the command
 * to run — from each day's last run on the <em>exercises</em> track only
 * ({@code target/lab/checkpoints-exercises.json}); runs of the reference code
 * ({@code -Psolutions}) never count. Days come from the project's {@code dayN-*} folders and
 * their checkpoints from the test sources, so a day never run shows {@code 0/16}.
 *
 * <p>Arguments: the project root, then optionally {@code --json} (one object per day, for
 * tools; the format is the {@link Day} record).
 */
public final class ProgressSummary {
    private ProgressSummary() {}

    /** One day's line, also the {@code --json} form. */
    @JsonPropertyOrder({"module", "checkpoints", "passed", "status", "filtered", "finished", "next", "command"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Day(String module, int checkpoints, int passed, String status, Boolean filtered, String finished,
            Next next, String command) {}

    /** The first checkpoint of a day that does not pass on the learner's code. */
    public record Next(String id, String title, String status) {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        boolean json = List.of(args).contains("--json");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<Day> days = days(root);
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(days));
        } else {
            out.print(render(days));
        }
    }

    /** Every day of the project, from its catalogue and its exercises-track results. */
    public static List<Day> days(Path root) {
        List<Day> out = new ArrayList<>();
        for (String module : CheckpointCatalog.dayModules(root)) {
            CheckpointCatalog catalog = CheckpointCatalog.read(root, module);
            Path labDir = root.resolve(module).resolve("target").resolve("lab");
            Optional<ProgressFile> file = ProgressFile.read(ProgressFile.ofTrack(labDir, ProgressFile.EXERCISES));
            if (file.isEmpty()) {
                // a result file from before tracks were recorded, or of the other track, does not count
                Optional<ProgressFile> last = ProgressFile.read(ProgressFile.lastRun(labDir))
                        .filter(p -> ProgressFile.EXERCISES.equals(p.track()));
                file = last;
            }
            int total = Math.max(catalog.entries().size(), file.map(f -> f.checkpoints().size()).orElse(0));
            if (file.isEmpty()) {
                Next first = catalog.entries().stream().findFirst()
                        .map(e -> new Next(e.id(), e.title(), CheckpointResult.NOT_RUN)).orElse(null);
                out.add(new Day(module, total, 0, "not-run", null, null, first, ProgressReport.command(module, null)));
                continue;
            }
            ProgressFile p = file.get();
            Optional<CheckpointResult> next = p.next();
            String status = next.isEmpty() ? (p.filtered() ? "all-passed-filtered" : "done") : "in-progress";
            out.add(new Day(module, total, (int) p.passedCount(), status, p.filtered(), p.finished(),
                    next.map(n -> new Next(n.id(), n.title(), n.status())).orElse(null),
                    ProgressReport.command(module, next.map(CheckpointResult::id).orElse(null))));
        }
        return out;
    }

    /** The table {@code ./lab progress} prints. */
    public static String render(List<Day> days) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n netlab progress · your code (exercises track) · from each day's last test run\n\n");
        int width = days.stream().mapToInt(d -> d.module().length()).max().orElse(12);
        int all = 0;
        int done = 0;
        for (Day d : days) {
            all += d.checkpoints();
            done += d.passed();
            sb.append(' ').append(pad(d.module(), width)).append("  ").append(ProgressReport.bar(d.passed(), d.checkpoints(), 20))
                    .append(String.format(" %3d/%-3d ", d.passed(), d.checkpoints()));
            switch (d.status()) {
                case "not-run" -> sb.append(" not run yet");
                case "done" -> sb.append(" done ✔");
                case "all-passed-filtered" -> sb.append(" all passed, in filtered runs: run the whole day once");
                default -> sb.append(" next: ").append(d.next().id()).append(' ').append(d.next().title());
            }
            sb.append('\n');
            if (!"done".equals(d.status())) {
                sb.append(' ').append(" ".repeat(width)).append("  ").append(d.command()).append('\n');
            }
        }
        sb.append("\n total: ").append(done).append('/').append(all).append(" checkpoints")
                .append("   (./lab progress --json for tools)\n");
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
