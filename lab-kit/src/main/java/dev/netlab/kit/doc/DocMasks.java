package dev.netlab.kit.doc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What may differ between the lesson's output and a run, by name: each named mask replaces
 * what varies with a placeholder, on both sides, before they are compared.
 */
final class DocMasks {
    private record Rule(Pattern pattern, String replacement) {}

    private static final Map<String, List<Rule>> NAMED = new LinkedHashMap<>();

    static {
        NAMED.put("mac", List.of(
                // tshark names a MAC whose prefix is registered (Wireshark's manuf): "Intel_12:34:56", and for a
                // random one that happens to match a longer prefix "MS-NLB-PhysServer-32_01:73:71:6e:1f"
                rule("\\b[A-Za-z][\\w-]*_(?i:[0-9a-f]{2}(:[0-9a-f]{2}){1,4})\\b", "<mac>"),
                rule("\\b(?!ff:ff:ff:ff:ff:ff)(?!00:00:00:00:00:00)(?i:[0-9a-f]{2}(:[0-9a-f]{2}){5})\\b", "<mac>")));
        NAMED.put("time", List.of(
                // HTTP dates (RFC 9110 §5.6.7), ISO instants, clock times
                rule("\\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT", "<date>"),
                rule("\\b\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z?", "<date>"),
                rule("\\b\\d{8}-\\d{6}\\b", "<date>"),
                rule("(?<![:\\w])\\d{1,2}:\\d{2}:\\d{2}(\\.\\d+)?(?![:\\w])", "<clock>"),
                // durations: 0.615 ms, 2032ms, 1.2 s, 350µs, 01:23 min; time=..., rtt ... = a/b/c/d ms
                rule("\\b\\d+(\\.\\d+)?(/\\d+(\\.\\d+)?)* ?(ns|us|µs|ms|s|sec|secs|seconds|min)\\b", "<time>"),
                // tshark's relative time column: "    3 0.000074659 ..."
                rule("(?<=^\\s{0,8}\\d{1,6}\\s{1,4})\\d+\\.\\d{6,9}\\b", "<time>"),
                rule("\\b\\d+\\.\\d{6,9}\\b", "<time>")));
        NAMED.put("port", List.of(
                rule("(?<=(127\\.0\\.0\\.1|localhost|\\]|\\*|0\\.0\\.0\\.0|::1|10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})[:.])\\d{4,5}\\b", "<port>"),
                rule("\\b\\d{4,5}(?= → \\d)", "<port>"),
                rule("(?<=→ )\\d{4,5}\\b", "<port>"),
                rule("(?<=port |Port: |sport=|dport=|Src Port: |Dst Port: )\\d{1,5}\\b", "<port>")));
        NAMED.put("pid", List.of(rule("\\b(pid|fd)=\\d+", "$1=<n>"), rule("\\b(pid|process) \\d+", "$1 <n>")));
        NAMED.put("hex", List.of(
                // a hex dump line: "0010  00 54 01 08 40 00 ...   .T..@.@."..[...["
                rule("^([0-9a-f]{4,8})  .*$", "$1  <hex dump>"),
                rule("\\b0x[0-9a-fA-F]{2,16}\\b", "0x<hex>")));
        NAMED.put("seq", List.of(rule("\\b\\d{6,10}\\b", "<n>")));
        NAMED.put("size", List.of(
                rule("(?i)(?<=content-length: )\\d+", "<size>"),
                rule("\\b\\d[\\d,]*(?= (bytes|octets|B)\\b)", "<size>"),
                rule("(?<=\\blen=|\\blength |\\bLen=)\\d+", "<size>")));
        NAMED.put("number", List.of(rule("(?<![\\w.])\\d+(\\.\\d+)?([kKMGT]i?B?|B)?(?![\\w.])", "<n>"))); // 3.72k, 713.10KB
        NAMED.put("path", List.of(rule("/tmp/[\\w.-]+/", "/tmp/<dir>/")));
    }

    private static Rule rule(String regex, String replacement) {
        return new Rule(Pattern.compile(regex), replacement);
    }

    static List<String> names() {
        return List.copyOf(NAMED.keySet());
    }

    private final List<Rule> rules = new ArrayList<>();

    DocMasks(List<String> names, List<String> regexes) {
        for (String n : names) {
            if (!NAMED.containsKey(n)) {
                throw new IllegalArgumentException("unknown mask '" + n + "' (known: " + names() + ")");
            }
        }
        for (Map.Entry<String, List<Rule>> e : NAMED.entrySet()) { // in this order: a MAC before the clock times in it
            if (names.contains(e.getKey())) {
                rules.addAll(e.getValue());
            }
        }
        for (String re : regexes) {
            rules.add(rule(re, "<…>"));
        }
    }

    String apply(String line) {
        String s = line.stripTrailing();
        for (Rule r : rules) {
            s = r.pattern.matcher(s).replaceAll(r.replacement);
        }
        // columns align to the width of what varies: a run of spaces inside a line counts as one
        return s.replaceAll("(?<=\\S) {2,}", " ");
    }

    List<String> apply(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            out.add(apply(l));
        }
        return out;
    }
}
