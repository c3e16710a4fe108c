package dev.netlab.http1;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The field lines of a header or trailer section, in the order received (RFC 9110 §5).
 * Names compare case-insensitively (§5.1); a name may repeat, and the values of repeated
 * lines combine, in order, as one comma-separated list (§5.3).
 *
 * <p>Two representations behind one API. Fields built in code ({@link #of}, {@link #add})
 * are a list of {@link Field}s. A section read by {@link FieldSectionParser} stays as the
 * octets received plus where each name and value lies in them ({@link #parsed}): most
 * fields of a request are never looked at (a server reads {@code Host}, {@code Connection}
 * and the framing fields, not {@code sec-ch-ua}), so names are compared on the octets and a
 * value becomes a {@code String} only when asked for. The first change ({@link #add},
 * {@link #set}, {@link #remove}) or a call to {@link #fields()} turns a parsed section
 * into the list, once.
 *
 * <pre>
 *   octets: H o s t : ␠ a . e x ␍ ␊ A c c e p t : ␠ * / * ␍ ␊
 *           0       4   6      10   12           18  20  23
 *   spans:  [0, 4, 6, 10,  12, 18, 20, 23]     name start, name end, value start, value end
 * </pre>
 */
public final class HeaderFields {
    /** One field line: the name as received and its value without surrounding OWS. */
    public record Field(String name, String value) {}

    /** Per field in {@link #spans}: name start, name end, value start, value end. */
    private static final int SPAN = 4;

    /** The list form; null while the fields are a parsed section (or there are none yet). */
    private List<Field> list;
    /** The parsed form: the section's octets and four offsets per field into them. */
    private byte[] octets;
    private int[] spans;
    private int count;

    public HeaderFields() {
    }

    /**
     * A parsed section: {@code count} fields whose names and values lie in {@code octets}
     * at the offsets of {@code spans} (already trimmed of OWS and checked by the parser).
     * Both arrays belong to the new object.
     */
    static HeaderFields parsed(byte[] octets, int[] spans, int count) {
        HeaderFields h = new HeaderFields();
        h.octets = octets;
        h.spans = spans;
        h.count = count;
        return h;
    }

    public static HeaderFields of(String... namesAndValues) {
        HeaderFields h = new HeaderFields();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    /** Appends a field line. */
    public HeaderFields add(String name, String value) {
        asList().add(new Field(name, value));
        return this;
    }

    /** Removes every line named {@code name}, then adds one. */
    public HeaderFields set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /** Removes every line named {@code name}; true when there was one. */
    public boolean remove(String name) {
        return asList().removeIf(f -> f.name().equalsIgnoreCase(name));
    }

    /** The value of the first line named {@code name}. */
    public Optional<String> first(String name) {
        for (int i = 0; i < size(); i++) {
            if (nameIs(i, name)) {
                return Optional.of(value(i));
            }
        }
        return Optional.empty();
    }

    /** The values of every line named {@code name}, in order (each line's value as is). */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < size(); i++) {
            if (nameIs(i, name)) {
                out.add(value(i));
            }
        }
        return out;
    }

    /**
     * The elements of a list-valued field (RFC 9110 §5.6.1, {@code #element}) across all its
     * lines: split at commas, OWS trimmed, empty elements dropped. Lower-cased when asked,
     * for case-insensitive tokens such as {@code Connection} and {@code Transfer-Encoding}.
     */
    public List<String> elements(String name, boolean lowerCase) {
        List<String> out = new ArrayList<>(2);
        for (String v : all(name)) {
            for (String e : v.split(",", -1)) {
                String t = e.strip();
                if (!t.isEmpty()) {
                    out.add(lowerCase ? t.toLowerCase(Locale.ROOT) : t);
                }
            }
        }
        return out;
    }

    /**
     * Whether a list-valued field contains {@code token}, case-insensitively: the same answer
     * as {@code elements(name, true).contains(token)}, without building the list (a server
     * asks this of {@code Connection} on every request).
     */
    public boolean containsToken(String name, String token) {
        if (token.isEmpty()) {
            return false; // empty elements are dropped, so never contained
        }
        for (int i = 0; i < size(); i++) {
            if (nameIs(i, name) && listContains(value(i), token)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code list}, split at commas and each element stripped of whitespace, has {@code token}. */
    private static boolean listContains(String list, String token) {
        int start = 0;
        while (start <= list.length()) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? list.length() : comma;
            int from = start;
            int to = end;
            while (from < to && Character.isWhitespace(list.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(list.charAt(to - 1))) {
                to--;
            }
            if (to - from == token.length() && list.regionMatches(true, from, token, 0, token.length())) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    public boolean contains(String name) {
        for (int i = 0; i < size(); i++) {
            if (nameIs(i, name)) {
                return true;
            }
        }
        return false;
    }

    /** Number of field lines. */
    public int size() {
        return list != null ? list.size() : count;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Every line in order, unmodifiable. */
    public List<Field> fields() {
        return Collections.unmodifiableList(asList());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            sb.append(name(i)).append(": ").append(value(i)).append("\r\n");
        }
        return sb.toString();
    }

    /** The list form, made from the parsed octets the first time it is needed. */
    private List<Field> asList() {
        if (list == null) {
            List<Field> fields = new ArrayList<>(Math.max(count, 4));
            for (int i = 0; i < count; i++) {
                fields.add(new Field(name(i), value(i)));
            }
            list = fields;
            octets = null;
            spans = null;
            count = 0;
        }
        return list;
    }

    /**
     * Whether line {@code i} is named {@code name}, ignoring case (RFC 9110 §5.1). A parsed
     * name is a token, so US-ASCII: it is compared octet by octet, folding only A-Z.
     */
    private boolean nameIs(int i, String name) {
        if (list != null) {
            return list.get(i).name().equalsIgnoreCase(name);
        }
        int start = spans[i * SPAN];
        int length = spans[i * SPAN + 1] - start;
        if (length != name.length()) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (lowerCase(octets[start + k]) != lowerCase(name.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static int lowerCase(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    private String name(int i) {
        if (list != null) {
            return list.get(i).name();
        }
        return decode(spans[i * SPAN], spans[i * SPAN + 1]);
    }

    private String value(int i) {
        if (list != null) {
            return list.get(i).value();
        }
        return decode(spans[i * SPAN + 2], spans[i * SPAN + 3]);
    }

    /** Field octets as characters: obs-text (0x80-0xFF) is kept as ISO-8859-1 (RFC 9110 §5.5). */
    private String decode(int start, int end) {
        return new String(octets, start, end - start, StandardCharsets.ISO_8859_1);
    }
}
