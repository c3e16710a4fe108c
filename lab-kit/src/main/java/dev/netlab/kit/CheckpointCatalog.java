package dev.netlab.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every checkpoint of a day, read from the {@code @Checkpoint(...)} annotations in the day's
 * test sources ({@code <module>/src/test/java}), so that tools know the whole day without a
 * build: {@code ./lab hint 1.04}, {@code ./lab progress}, {@code ./lab test day1-link-ip 1.04},
 * and the progress listener (to tell a run filtered to some checkpoints from a whole run).
 *
 * <p>The annotation's values must be string literals (concatenated with {@code +} if long)
 * or arrays of them, as every day writes them.
 */
public final class CheckpointCatalog {
    /** One checkpoint as declared: where, and the annotation's values. */
    public record Entry(String id, String title, List<String> edit, String hint, String readme, String testClass) {}

    private static final Pattern DAY_MODULE = Pattern.compile("day(\\d+)-.+");
    private static final Pattern ANNOTATION = Pattern.compile("@(?:dev\\.netlab\\.kit\\.)?Checkpoint\\s*\\(");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

    private final String module;
    private final List<Entry> entries;

    private CheckpointCatalog(String module, List<Entry> entries) {
        this.module = module;
        this.entries = List.copyOf(entries);
    }

    /** A catalogue of given entries (tests of lab-kit itself). */
    public static CheckpointCatalog of(String module, List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::id, CheckpointCatalog::compareIds));
        return new CheckpointCatalog(module, sorted);
    }

    /** The checkpoints declared in {@code <root>/<module>/src/test/java}; empty when there is no such folder. */
    public static CheckpointCatalog read(Path root, String module) {
        Path tests = root.resolve(module).resolve("src").resolve("test").resolve("java");
        Map<String, Entry> byId = new LinkedHashMap<>();
        if (Files.isDirectory(tests)) {
            try (Stream<Path> files = Files.walk(tests)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    for (Entry e : parse(text, tests.relativize(f))) {
                        byId.putIfAbsent(e.id(), e);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return of(module, new ArrayList<>(byId.values()));
    }

    public String module() {
        return module;
    }

    /** In id order ({@code 3.2} before {@code 3.10}). */
    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Optional<Entry> find(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Checkpoint ids compare by day, then by number: {@code 3.9 < 3.10}. */
    public static int compareIds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d+") && y[i].matches("\\d+")
                    ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** The day modules of the project ({@code dayN-*} folders with a {@code pom.xml}), in day order. */
    public static List<String> dayModules(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .map(d -> d.getFileName().toString())
                    .filter(n -> DAY_MODULE.matcher(n).matches())
                    .sorted(Comparator.comparingInt((String n) -> dayNumber(n)).thenComparing(n -> n))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 3} for {@code day3-http11}; -1 for anything else. */
    public static int dayNumber(String module) {
        Matcher m = DAY_MODULE.matcher(module);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The module whose checkpoints start with {@code <day>.}: {@code 3.04 -> day3-http11}. */
    public static Optional<String> moduleOf(Path root, String checkpointId) {
        int dot = checkpointId.indexOf('.');
        if (dot <= 0 || !checkpointId.substring(0, dot).matches("\\d+")) {
            return Optional.empty();
        }
        int day = Integer.parseInt(checkpointId.substring(0, dot));
        return dayModules(root).stream().filter(m -> dayNumber(m) == day).findFirst();
    }

    // ---- a small reader of the annotation's source text ----

    static List<Entry> parse(String source, Path relative) {
        List<Entry> out = new ArrayList<>();
        Matcher pkg = PACKAGE.matcher(source);
        String packageName = pkg.find() ? pkg.group(1) : "";
        String fileClass = relative.getFileName().toString().replaceFirst("\\.java$", "");
        String testClass = packageName.isEmpty() ? fileClass : packageName + "." + fileClass;
        Matcher m = ANNOTATION.matcher(source);
        while (m.find()) {
            if (isInComment(source, m.start())) {
                continue;
            }
            Map<String, List<String>> values = new Reader(source, m.end()).values();
            List<String> id = values.get("id");
            List<String> title = values.get("title");
            if (id == null || title == null) {
                continue;
            }
            out.add(new Entry(id.getFirst(), title.getFirst(), values.getOrDefault("edit", List.of()),
                    first(values.get("hint")), first(values.get("readme")), testClass));
        }
        return out;
    }

    private static String first(List<String> v) {
        return v == null || v.isEmpty() ? "" : v.getFirst();
    }

    /** A Javadoc example ({@code * @Checkpoint(...)}) is not a declaration. */
    private static boolean isInComment(String s, int at) {
        int lineStart = s.lastIndexOf('\n', at) + 1;
        String before = s.substring(lineStart, at).strip();
        return before.startsWith("*") || before.startsWith("//") || before.contains("{@code");
    }

    /** Reads {@code name = "a" + "b", other = {"x", "y"}} up to the closing parenthesis. */
    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s, int i) {
            this.s = s;
            this.i = i;
        }

        Map<String, List<String>> values() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (i >= s.length() || s.charAt(i) == ')') {
                    return out;
                }
                int nameStart = i;
                while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) {
                    i++;
                }
                String name = s.substring(nameStart, i);
                skipSpace();
                if (name.isEmpty() || i >= s.length() || s.charAt(i) != '=') {
                    return out; // not the form we read: keep what we have
                }
                i++;
                skipSpace();
                List<String> value = new ArrayList<>();
                if (s.charAt(i) == '{') {
                    i++;
                    while (true) {
                        skipSpace();
                        if (s.charAt(i) == '}') {
                            i++;
                            break;
                        }
                        value.add(concatenation());
                        skipSpace();
                        if (s.charAt(i) == ',') {
                            i++;
                        }
                    }
                } else {
                    value.add(concatenation());
                }
                out.put(name, value);
                skipSpace();
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                }
            }
        }

        private String concatenation() {
            StringBuilder sb = new StringBuilder(literal());
            while (true) {
                skipSpace();
                if (i < s.length() && s.charAt(i) == '+') {
                    i++;
                    skipSpace();
                    sb.append(literal());
                } else {
                    return sb.toString();
                }
            }
        }

        private String literal() {
            if (s.charAt(i) != '"') {
                throw new IllegalArgumentException("@Checkpoint values must be string literals, at: "
                        + s.substring(i, Math.min(s.length(), i + 40)));
            }
            StringBuilder sb = new StringBuilder();
            i++;
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            i++;
            return sb.toString();
        }

        private void skipSpace() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (s.startsWith("//", i)) {
                    int nl = s.indexOf('\n', i);
                    i = nl < 0 ? s.length() : nl + 1;
                } else if (s.startsWith("/*", i)) {
                    int end = s.indexOf("*/", i + 2);
                    i = end < 0 ? s.length() : end + 2;
                } else {
                    return;
                }
            }
        }
    }
}
