package dev.netlab.http1;

import dev.netlab.kit.StubException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The field lines of a header or trailer section, in the order received (RFC 9110 §5).
 *
 * <p>Your job: the lookups. Field names compare case-insensitively (RFC 9110 §5.1:
 * "Field names are case-insensitive"), so {@code first("host")} finds a line sent as
 * {@code HOST: x}. A name may repeat; {@code all} returns every value in the order
 * received, and {@code elements} treats the field as a comma-separated list across all its
 * lines (RFC 9110 §5.6.1: split at commas, trim OWS, drop empty elements; lower-case them
 * when asked, for case-insensitive tokens such as {@code Connection: Keep-Alive}).
 * Storing lines ({@code add}) is given.
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

    /** Removes every line named {@code name} (any case), then adds one. */
    public HeaderFields set(String name, String value) {
        throw StubException.notImplemented("3.02", "Header fields: grammar, limits, case-insensitive lookup", "day3-http11/README.md#header-fields");
    }

    /** Removes every line named {@code name} (any case); true when there was one. */
    public boolean remove(String name) {
        throw StubException.notImplemented("3.02", "Header fields: grammar, limits, case-insensitive lookup", "day3-http11/README.md#header-fields");
    }

    /** The value of the first line named {@code name} (any case). */
    public Optional<String> first(String name) {
        throw StubException.notImplemented("3.02", "Header fields: grammar, limits, case-insensitive lookup", "day3-http11/README.md#header-fields");
    }

    /** The values of every line named {@code name} (any case), in order, each line's value as is. */
    public List<String> all(String name) {
        throw StubException.notImplemented("3.02", "Header fields: grammar, limits, case-insensitive lookup", "day3-http11/README.md#header-fields");
    }

    /** The elements of a list-valued field across all its lines: split at ',', OWS trimmed, empties dropped. */
    public List<String> elements(String name, boolean lowerCase) {
        throw StubException.notImplemented("3.02", "Header fields: grammar, limits, case-insensitive lookup", "day3-http11/README.md#header-fields");
    }

    /** Whether a list-valued field contains {@code token}, case-insensitively. */
    public boolean containsToken(String name, String token) {
        throw StubException.notImplemented("3.02", "Header fields: grammar, limits, case-insensitive lookup", "day3-http11/README.md#header-fields");
    }

    public boolean contains(String name) {
        throw StubException.notImplemented("3.02", "Header fields: grammar, limits, case-insensitive lookup", "day3-http11/README.md#header-fields");
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
