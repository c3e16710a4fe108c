package dev.netlab.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The text shown after a day's test run (and by {@code ./lab watch}): a bar,
 * {@code n/m checkpoints}, the table, and for the first checkpoint that is not passed what to
 * do next — the file to edit, the hint, the lesson's section, the failing test's description
 * (its {@code @DisplayName}, usually the RFC's sentence), the failure and the learner's own
 * top stack frame, the transcript and capture if any, and the command that runs just that
 * checkpoint again.
 *
 * <p>Plain text, at most 80 columns apart from long messages, no colours: lessons embed it
 * as it is. The format (the lines starting {@code ✔}, {@code ✘}, {@code ○}, {@code ·} and the
 * {@code Next:} block) is stable; {@code ./lab progress} uses the same marks.
 */
public final class ProgressReport {
    private ProgressReport() {}

    static final int BAR = 32;
    static final int TRANSCRIPT_LINES = 14;
    private static final String RULE = "─".repeat(72);

    public static String render(ProgressFile p, Map<String, Evidence.Saved> saved, Path labDir) {
        String module = p.module();
        List<CheckpointResult> results = p.checkpoints();
        long passed = p.passedCount();
        int total = results.size();
        boolean learner = ProgressFile.EXERCISES.equals(p.track());
        StringBuilder sb = new StringBuilder();
        sb.append('\n').append(RULE).append('\n');
        sb.append(" netlab · ").append(module).append(" · ").append(trackLabel(p.track()));
        if (p.filtered()) {
            sb.append(" · filtered run (").append(p.ran().isEmpty() ? "no checkpoint in full" : String.join(", ", p.ran()))
                    .append(')');
        }
        sb.append('\n');
        sb.append(' ').append(bar(passed, total)).append("  ").append(passed).append('/').append(total)
                .append(" checkpoints\n\n");
        int width = results.stream().mapToInt(r -> r.title().length()).max().orElse(0);
        width = Math.min(width, 52);
        for (CheckpointResult r : results) {
            sb.append("  ").append(mark(r)).append(' ').append(r.id()).append("  ");
            String note = note(r, p.filtered());
            if (note.isEmpty()) {
                sb.append(r.title()).append('\n');
            } else {
                sb.append(pad(r.title(), width)).append("  ").append(note).append('\n');
            }
        }
        Optional<CheckpointResult> next = p.next();
        if (next.isEmpty()) {
            if (p.filtered()) {
                sb.append("\n Every checkpoint passed in its last run, but this run ran only ")
                        .append(String.join(", ", p.ran())).append(".\n Run the whole day once to be sure: ")
                        .append(command(module, null)).append('\n');
            } else if (learner) {
                sb.append("\n All ").append(total).append(" checkpoints pass on your code.")
                        .append(nextDay(module).map(d -> " On to the next day: " + command(d, null)).orElse(""))
                        .append('\n');
            } else {
                sb.append("\n All ").append(total).append(" checkpoints pass on the ").append(p.track())
                        .append(" track (not your progress: ./lab progress counts your own code only).\n");
            }
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
            switch (r.status()) {
                case CheckpointResult.NOT_RUN -> sb.append("   status:  not run yet on this track\n");
                case CheckpointResult.SKIPPED -> sb.append("   skipped: ").append(r.reason()).append('\n');
                default -> failure(sb, r);
            }
            Evidence.Saved s = r.ranNow() ? saved.get(r.id()) : null;
            if (s != null) {
                evidence(sb, s, r.id(), labDir);
            }
            sb.append("   again:   ").append(command(module, r.id())).append("   (or ./lab watch ").append(module)
                    .append(")\n");
            if (p.filtered()) {
                sb.append("\n Filtered run: only ").append(p.ran().isEmpty() ? "part of a checkpoint" : String.join(", ", p.ran()))
                        .append(" ran; the other rows are from earlier runs.\n The whole day: ")
                        .append(command(module, null)).append('\n');
            }
        }
        sb.append("\n progress file: ").append(relative(ProgressFile.lastRun(labDir))).append('\n');
        sb.append(RULE).append('\n');
        return sb.toString();
    }

    private static void failure(StringBuilder sb, CheckpointResult r) {
        if (r.tests() > 0) {
            int failing = r.tests() - r.passedTests();
            sb.append("   tests:   ").append(failing).append(" of ").append(r.tests()).append(" fail")
                    .append(r.stub() ? " (an untouched stub: reported once)" : "").append('\n');
        }
        CheckpointResult.Failure f = r.failure();
        if (f != null && f.test() != null && !f.test().isBlank()) {
            sb.append("   test:    ").append(f.test()).append('\n');
        }
        sb.append("   failure: ").append(f != null && f.message() != null ? f.message() : r.reason()).append('\n');
        if (f != null && f.file() != null) {
            sb.append("   at:      ").append(f.file()).append("   (").append(f.at()).append(")\n");
        }
    }

    private static void evidence(StringBuilder sb, Evidence.Saved s, String id, Path labDir) {
        if (!s.transcript().isBlank()) {
            List<String> lines = s.transcript().lines().toList();
            sb.append("   transcript:\n");
            lines.stream().limit(TRANSCRIPT_LINES).forEach(l -> sb.append("     ").append(l).append('\n'));
            if (lines.size() > TRANSCRIPT_LINES) {
                Path full = labDir.resolve("transcripts").resolve(id + ".txt");
                try {
                    Files.createDirectories(full.getParent());
                    Files.writeString(full, s.transcript(), StandardCharsets.UTF_8);
                    sb.append("     ... ").append(lines.size() - TRANSCRIPT_LINES).append(" more lines in ")
                            .append(relative(full)).append('\n');
                } catch (IOException e) {
                    sb.append("     ... ").append(lines.size() - TRANSCRIPT_LINES).append(" more lines\n");
                }
            }
        }
        for (String cmd : s.reproduce()) {
            sb.append("   by hand: ").append(cmd).append('\n');
        }
        for (Path c : s.captures()) {
            sb.append("   capture: ").append(relative(c)).append("   (./lab ladder ").append(relative(c))
                    .append(", or wireshark)\n");
        }
    }

    /** "exercises track (your code)" or "solutions track (the reference)". */
    static String trackLabel(String track) {
        if (track == null) {
            return "track unknown";
        }
        return switch (track) {
            case ProgressFile.EXERCISES -> "exercises track (your code)";
            case ProgressFile.SOLUTIONS -> "solutions track (the reference code)";
            default -> track + " track";
        };
    }

    static String bar(long passed, int total) {
        return bar(passed, total, BAR);
    }

    static String bar(long passed, int total, int width) {
        int filled = total == 0 ? 0 : (int) Math.round(width * (double) passed / total);
        return "[" + "█".repeat(filled) + "░".repeat(width - filled) + "]";
    }

    /** ✔ passed, ✘ failed, ○ skipped, · not run yet. */
    static String mark(CheckpointResult r) {
        return switch (r.status()) {
            case CheckpointResult.PASSED -> "✔";
            case CheckpointResult.SKIPPED -> "○";
            case CheckpointResult.NOT_RUN -> "·";
            default -> "✘";
        };
    }

    private static String note(CheckpointResult r, boolean filtered) {
        String kept = filtered && !r.ranNow() && !CheckpointResult.NOT_RUN.equals(r.status()) ? "  (earlier run)" : "";
        return switch (r.status()) {
            case CheckpointResult.PASSED -> kept.strip();
            case CheckpointResult.SKIPPED -> "skipped: " + r.reason() + kept;
            case CheckpointResult.NOT_RUN -> "not run yet";
            default -> (r.stub() ? stubNote(r) : r.tests() > 0 ? (r.tests() - r.passedTests()) + "/" + r.tests() + " tests fail" : "fails")
                    + kept;
        };
    }

    /** "stub", or "needs 1.01" when the stub it reached belongs to an earlier checkpoint. */
    private static String stubNote(CheckpointResult r) {
        String rest = r.reason().substring(StubException.PREFIX.length());
        int space = rest.indexOf(' ');
        String id = space < 0 ? rest : rest.substring(0, space);
        return id.equals(r.id()) ? "stub" : "needs " + id;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** {@code ./lab test <module> [<id>]}. */
    static String command(String module, String id) {
        return "./lab test " + module + (id == null ? "" : " " + id);
    }

    private static Optional<String> nextDay(String module) {
        List<String> days = CheckpointCatalog.dayModules(Lab.root());
        int i = days.indexOf(module);
        return i >= 0 && i + 1 < days.size() ? Optional.of(days.get(i + 1)) : Optional.empty();
    }

    private static String relative(Path p) {
        try {
            return Lab.root().relativize(p.toAbsolutePath()).toString();
        } catch (IllegalArgumentException e) {
            return p.toString();
        }
    }
}
