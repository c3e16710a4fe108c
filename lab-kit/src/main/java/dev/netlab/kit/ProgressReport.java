package dev.netlab.kit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The text printed after a module's test run: a bar, {@code n/m checkpoints}, the table,
 * and for the first checkpoint that is not passed its hint, failure, transcript, capture
 * path and the command to reproduce it by hand.
 */
public final class ProgressReport {
    private ProgressReport() {}

    private static final int BAR = 32;
    private static final String RULE = "─".repeat(72);

    public static String render(String module, String track, List<CheckpointResult> results, Map<String, Evidence.Saved> saved) {
        long passed = results.stream().filter(CheckpointResult::passed).count();
        int total = results.size();
        StringBuilder sb = new StringBuilder();
        sb.append('\n').append(RULE).append('\n');
        sb.append(" netlab · ").append(module).append(" · ").append(track).append(" track\n");
        int filled = total == 0 ? 0 : (int) Math.round(BAR * (double) passed / total);
        sb.append(" [").append("█".repeat(filled)).append("░".repeat(BAR - filled)).append("]  ")
                .append(passed).append('/').append(total).append(" checkpoints\n\n");
        for (CheckpointResult r : results) {
            String mark = switch (r.status()) {
                case CheckpointResult.PASSED -> "✔";
                case CheckpointResult.SKIPPED -> "○";
                default -> "✘";
            };
            sb.append("  ").append(mark).append(' ').append(r.id()).append("  ").append(r.title());
            if (CheckpointResult.SKIPPED.equals(r.status())) {
                sb.append("  (skipped: ").append(r.reason()).append(')');
            }
            sb.append('\n');
        }
        Optional<CheckpointResult> next = results.stream().filter(r -> !r.passed()).findFirst();
        if (next.isEmpty()) {
            sb.append("\n All checkpoints pass. On to the next day!\n");
        } else {
            CheckpointResult r = next.get();
            sb.append("\n Next: ").append(r.id()).append("  ").append(r.title()).append('\n');
            for (String e : r.edit()) {
                sb.append("   edit:    exercises/").append(module).append('/').append(e).append('\n');
            }
            if (!r.hint().isBlank()) {
                sb.append("   hint:    ").append(r.hint()).append('\n');
            }
            if (!r.readme().isBlank()) {
                // "#anchor" is a section of the day's README; "PAGE.md#anchor" another page of the day
                String page = r.readme().startsWith("#") ? "/README.md" : "/";
                sb.append("   read:    ").append(module).append(page).append(r.readme()).append('\n');
            }
            sb.append("   ").append(r.status().equals(CheckpointResult.SKIPPED) ? "skipped: " : "failure: ")
                    .append(r.reason()).append('\n');
            Evidence.Saved s = saved.get(r.id());
            if (s != null) {
                if (!s.transcript().isBlank()) {
                    sb.append("   transcript:\n");
                    s.transcript().lines().forEach(l -> sb.append("     ").append(l).append('\n'));
                }
                for (String cmd : s.reproduce()) {
                    sb.append("   reproduce by hand: ").append(cmd).append('\n');
                }
                for (Path p : s.captures()) {
                    sb.append("   capture: ").append(relative(p)).append("   (wireshark ").append(relative(p))
                            .append("  or  tshark -r ").append(relative(p)).append(")\n");
                }
            }
        }
        sb.append("\n progress file: ").append(relative(Lab.labDir().resolve("checkpoints.json"))).append('\n');
        sb.append(RULE).append('\n');
        return sb.toString();
    }

    private static String relative(Path p) {
        try {
            return Lab.root().relativize(p.toAbsolutePath()).toString();
        } catch (IllegalArgumentException e) {
            return p.toString();
        }
    }
}
