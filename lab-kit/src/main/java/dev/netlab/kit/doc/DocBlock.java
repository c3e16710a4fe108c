package dev.netlab.kit.doc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A fenced block of a lesson ({@code ```}) with the marker on the line before it, if any.
 *
 * @param line the 1-based line of the opening fence
 * @param body the lines between the fences
 */
record DocBlock(Path file, int line, Optional<DocMarker> marker, List<String> body) {
    /** A block that shows commands to run must be marked: it has a {@code $ } prompt, or starts with a command. */
    private static final Pattern COMMAND_START = Pattern.compile(
            "^(\\$ |\\./lab |\\./mvnw |mvnw\\.cmd |sudo |ip |curl |tshark |printf |nc |flock |for |wrk |nghttp |openssl )");

    static List<DocBlock> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<DocBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).strip();
            if (!fence.startsWith("```")) {
                continue;
            }
            Optional<DocMarker> marker = Optional.empty();
            if (i > 0 && lines.get(i - 1).strip().startsWith(DocMarker.PREFIX)) {
                try {
                    marker = DocMarker.parse(lines.get(i - 1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file.getFileName() + ":" + i + ": " + e.getMessage(), e);
                }
            }
            int start = i;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
                body.add(lines.get(i));
            }
            blocks.add(new DocBlock(file, start + 1, marker, List.copyOf(body)));
        }
        return blocks;
    }

    /** Whether the block shows a command a learner would type (and so needs a marker). */
    boolean looksLikeCommands() {
        for (String l : body) {
            if (l.startsWith("$ ")) {
                return true;
            }
        }
        return !body.isEmpty() && COMMAND_START.matcher(body.getFirst()).find();
    }

    String where() {
        return file.getFileName() + ":" + line;
    }

    /** One command of a block and the output the lesson shows for it. */
    record Command(String text, boolean background, List<String> expected) {}

    /**
     * The commands: for {@code run}, each line starting with {@code $ } (a trailing {@code \}
     * continues it on the next line), followed by its output up to the next {@code $ } line;
     * for {@code setup}, every line that is not blank or a {@code #} comment.
     */
    List<Command> commands(boolean prompts) {
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            String l = body.get(i);
            if (prompts && !l.startsWith("$ ")) {
                continue; // output before the first prompt: none in a well-formed block
            }
            if (!prompts && (l.isBlank() || l.strip().startsWith("#"))) {
                continue;
            }
            StringBuilder cmd = new StringBuilder(prompts ? l.substring(2) : l);
            while (cmd.toString().stripTrailing().endsWith("\\") && i + 1 < body.size()) {
                cmd.append('\n').append(body.get(++i));
            }
            List<String> expected = new ArrayList<>();
            if (prompts) {
                while (i + 1 < body.size() && !body.get(i + 1).startsWith("$ ")) {
                    expected.add(body.get(++i));
                }
            }
            String text = cmd.toString().strip();
            boolean background = text.endsWith("&") && !text.endsWith("&&");
            if (background) {
                text = text.substring(0, text.length() - 1).strip();
            }
            out.add(new Command(text, background, List.copyOf(expected)));
        }
        return out;
    }
}
