package dev.netlab.http1;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The field lines of a header or trailer section, in the order received (RFC 9110 §5).
 * Names compare case-insensitively (§5.1); a name may repeat, and the values of repeated
 * lines combine, in order, as one comma-separated list (§5.3).
 */
public final class HeaderFields {
    /** One field line: the name as received and its value without surrounding OWS. */
    public record Field(String name, String value) {}

    private final List<Field> fields = new ArrayList<>();

    public static HeaderFields of(String... namesAndValues) {
        HeaderFields h = new HeaderFields();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    /** Appends a field line. */
    public HeaderFields add(String name, String value) {
        fields.add(new Field(name, value));
        return this;
    }

    /** Removes every line named {@code name}, then adds one. */
    public HeaderFields set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /** Removes every line named {@code name}; true when there was one. */
    public boolean remove(String name) {
        return fields.removeIf(f -> f.name().equalsIgnoreCase(name));
    }

    /** The value of the first line named {@code name}. */
    public Optional<String> first(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /** The values of every line named {@code name}, in order (each line's value as is). */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                out.add(f.value());
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

    /** Whether a list-valued field contains {@code token}, case-insensitively. */
    public boolean containsToken(String name, String token) {
        return elements(name, true).contains(token.toLowerCase(Locale.ROOT));
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** Number of field lines. */
    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Every line in order, unmodifiable. */
    public List<Field> fields() {
        return Collections.unmodifiableList(fields);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Field f : fields) {
            sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        return sb.toString();
    }
}
