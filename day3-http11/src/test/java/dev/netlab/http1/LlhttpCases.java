package dev.netlab.http1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads llhttp's markdown test cases (test/request/*.md): a {@code <!-- meta={...} -->}
 * line, a {@code ```http} block (newlines are CRLF, a trailing {@code \} joins lines,
 * {@code \r \n \t \f \xHH} are escapes) and a {@code ```log} block of callbacks, where a
 * case that must fail logs {@code error code=...}.
 */
final class LlhttpCases {
    private LlhttpCases() {}

    /**
     * @param expected "accept", "reject", or "closed": llhttp's HPE_CLOSED_CONNECTION (5),
     *                 octets after a message that closes the connection; its pauses
     *                 (HPE_PAUSED 21, HPE_PAUSED_UPGRADE 22) are not errors
     */
    record Case(String file, String title, String type, byte[] input, String expected, String log) {
        String name() {
            return file + " › " + title;
        }
    }

    private static final Pattern ERROR_CODE = Pattern.compile("error code=(\\d+)");

    private static String expected(String log) {
        Matcher m = ERROR_CODE.matcher(log);
        if (!m.find()) {
            return "accept";
        }
        return switch (Integer.parseInt(m.group(1))) {
            case 21, 22 -> "accept";
            case 5 -> "closed";
            default -> "reject";
        };
    }

    private static final Pattern META_TYPE = Pattern.compile("\"type\":\\s*\"([^\"]+)\"");

    static List<Case> load(Path dir) throws IOException {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                parse(f.getFileName().toString(), Files.readAllLines(f), out);
            }
        }
        return out;
    }

    private static void parse(String file, List<String> lines, List<Case> out) {
        String title = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                title = line.replaceFirst("^#+\\s*", "");
            }
            if (!line.startsWith("<!-- meta=")) {
                continue;
            }
            Matcher m = META_TYPE.matcher(line);
            String type = m.find() ? m.group(1) : "";
            int start = i + 1;
            while (start < lines.size() && !lines.get(start).startsWith("```http")) {
                start++;
            }
            int end = start + 1;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                end++;
            }
            int logStart = end + 1;
            while (logStart < lines.size() && !lines.get(logStart).startsWith("```log")) {
                logStart++;
            }
            int logEnd = logStart + 1;
            while (logEnd < lines.size() && !lines.get(logEnd).startsWith("```")) {
                logEnd++;
            }
            if (end >= lines.size() || logEnd > lines.size()) {
                continue;
            }
            String log = String.join("\n", lines.subList(Math.min(logStart + 1, logEnd), logEnd));
            out.add(new Case(file, title, type, input(lines.subList(start + 1, end)), expected(log), log));
            i = logEnd;
        }
    }

    /** llhttp's md-test rules: lines joined with CRLF; a line ending in '\' joins the next without one. */
    static byte[] input(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.endsWith("\\") && !l.endsWith("\\\\")) {
                text.append(l, 0, l.length() - 1);
            } else {
                text.append(l);
                if (i < lines.size() - 1) {
                    text.append("\r\n");
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String s = text.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                switch (n) {
                    case 'r' -> { out.write('\r'); i++; continue; }
                    case 'n' -> { out.write('\n'); i++; continue; }
                    case 't' -> { out.write('\t'); i++; continue; }
                    case 'f' -> { out.write('\f'); i++; continue; }
                    case 'x' -> {
                        if (i + 3 < s.length()) {
                            out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                            i += 3;
                            continue;
                        }
                    }
                    default -> { }
                }
            }
            if (c < 0x80) {
                out.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }
}
