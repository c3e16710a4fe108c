package dev.netlab.kit.tools;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Just enough Markdown for a terminal: find a lesson's section by its anchor and render it. */
final class Markdown {
    private Markdown() {}

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        String s = Normalizer.normalize(heading.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                sb.append(c);
            } else if (c == ' ') {
                sb.append('-');
            }
        }
        return sb.toString();
    }

    /** The lines of the section whose heading has this anchor, up to the next heading of its level or above. */
    static Optional<List<String>> section(List<String> lines, String anchor) {
        String want = anchor.startsWith("#") ? anchor.substring(1) : anchor;
        boolean fence = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("```")) {
                fence = !fence;
            }
            int level = fence ? 0 : level(l);
            if (level > 0 && anchor(l.substring(level)).equals(want)) {
                List<String> out = new ArrayList<>();
                out.add(l);
                boolean inFence = false;
                for (int j = i + 1; j < lines.size(); j++) {
                    String m = lines.get(j);
                    if (m.startsWith("```")) {
                        inFence = !inFence;
                    }
                    int lv = inFence ? 0 : level(m);
                    if (lv > 0 && lv <= level) {
                        break;
                    }
                    out.add(m);
                }
                while (!out.isEmpty() && out.getLast().isBlank()) {
                    out.removeLast();
                }
                return Optional.of(out);
            }
        }
        return Optional.empty();
    }

    private static int level(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == '#') {
            n++;
        }
        return n > 0 && n <= 6 && line.length() > n && line.charAt(n) == ' ' ? n : 0;
    }

    /**
     * For a terminal: headings upper-lined with a rule, code blocks indented, emphasis marks and
     * link targets dropped; {@code ansi} adds bold headings.
     */
    static String render(List<String> lines, boolean ansi) {
        StringBuilder sb = new StringBuilder();
        boolean fence = false;
        for (String l : lines) {
            if (l.startsWith("```")) {
                fence = !fence;
                continue;
            }
            if (fence) {
                sb.append("    ").append(l).append('\n');
                continue;
            }
            if (l.strip().startsWith("<!--") && l.strip().endsWith("-->")) {
                continue; // a comment for tools (the documentation test's lab-doc markers), not for the reader
            }
            int level = level(l);
            if (level > 0) {
                String text = inline(l.substring(level).strip());
                sb.append(ansi ? "\u001b[1m" + text + "\u001b[0m" : text).append('\n');
                sb.append((level <= 2 ? "═" : "─").repeat(Math.min(72, text.length()))).append('\n');
                continue;
            }
            sb.append(inline(l)).append('\n');
        }
        return sb.toString();
    }

    /** {@code **x**} → x, {@code [text](target)} → text. Backticks stay: they mark code. */
    static String inline(String s) {
        return s.replaceAll("\\*\\*([^*]+)\\*\\*", "$1").replaceAll("\\[([^\\]]+)\\]\\([^)]+\\)", "$1");
    }
}
