package dev.netlab.kit.doc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The marker before a lesson's fenced block: {@code <!-- lab-doc: KIND key=value key="a value" flag -->}.
 * KIND is {@code run} (commands after {@code $ } with their output), {@code setup} (every line a
 * command, output not compared) or {@code skip} (not run; {@code reason="..."} says why). The
 * options are described in lab-kit/README.md, "Lessons that run".
 */
record DocMarker(String kind, Map<String, List<String>> options) {
    static final String PREFIX = "<!-- lab-doc:";
    private static final Pattern OPTION = Pattern.compile("([A-Za-z][\\w-]*)(?:=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+))?");
    static final List<String> KINDS = List.of("run", "setup", "skip");
    static final List<String> KEYS = List.of("dir", "needs", "mask", "mask-re", "ignore", "exit", "timeout",
            "ready", "interrupt-before", "server", "port", "sandbox", "reason");

    static Optional<DocMarker> parse(String line) {
        String t = line.strip();
        if (!t.startsWith(PREFIX) || !t.endsWith("-->")) {
            return Optional.empty();
        }
        String body = t.substring(PREFIX.length(), t.length() - 3).strip();
        Matcher m = OPTION.matcher(body);
        String kind = null;
        Map<String, List<String>> options = new LinkedHashMap<>();
        int at = 0;
        while (m.find()) {
            if (!body.substring(at, m.start()).isBlank()) {
                throw new IllegalArgumentException("cannot read the marker at \"" + body.substring(at) + "\"");
            }
            at = m.end();
            String key = m.group(1);
            String value = m.group(2) == null ? "" : unquote(m.group(2));
            if (kind == null) {
                kind = key;
                continue;
            }
            options.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        if (kind == null || !KINDS.contains(kind)) {
            throw new IllegalArgumentException("a lab-doc marker starts with one of " + KINDS + ": " + t);
        }
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown lab-doc option '" + key + "' (known: " + KEYS + "): " + t);
            }
        }
        if (kind.equals("skip") && option(options, "reason").orElse("").isBlank()) {
            throw new IllegalArgumentException("a skipped block says why: skip reason=\"...\": " + t);
        }
        return Optional.of(new DocMarker(kind, options));
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }

    private static Optional<String> option(Map<String, List<String>> options, String key) {
        List<String> v = options.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getLast());
    }

    Optional<String> option(String key) {
        return option(options, key);
    }

    /** Every value of a repeatable option, comma lists split ({@code mask=time,port mask=mac}). */
    List<String> list(String key) {
        List<String> out = new ArrayList<>();
        for (String v : options.getOrDefault(key, List.of())) {
            if (key.equals("mask-re") || key.equals("ignore") || key.equals("ready")) {
                out.add(v); // a regular expression may contain commas
            } else {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
    }

    boolean flag(String key) {
        return options.containsKey(key);
    }
}
