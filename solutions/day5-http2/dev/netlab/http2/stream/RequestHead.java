package dev.netlab.http2.stream;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.http2.hpack.HeaderField;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A request's field section, checked against the rules HTTP/2 adds to HTTP (RFC 9113 §8.2,
 * §8.3, §8.5; RFC 8441 §4 for extended CONNECT). Every violation makes the request
 * <em>malformed</em>, and "Malformed requests or responses that are detected MUST be treated
 * as a stream error (Section 5.4.2) of type PROTOCOL_ERROR" (§8.1.1).
 *
 * <p>The rules, in the order {@link #of} applies them to each field:
 * <ul>
 *   <li>§8.2.1 names: not empty; no octet 0x00–0x20, 'A'–'Z' or 0x7f–0xff; no ':' except the
 *       one that starts a pseudo-header field. Values: no NUL, CR or LF; no SP or HTAB at
 *       either end.</li>
 *   <li>§8.3 pseudo-header fields: only {@code :method :scheme :authority :path} (and
 *       {@code :protocol} when extended CONNECT is enabled), each at most once, all before the
 *       first regular field; {@code :status} belongs to responses.</li>
 *   <li>§8.2.2 connection-specific fields are forbidden: {@code connection},
 *       {@code proxy-connection}, {@code keep-alive}, {@code transfer-encoding},
 *       {@code upgrade}; {@code te} only with the value {@code trailers}.</li>
 *   <li>§8.3.1: {@code :method}, {@code :scheme} and a non-empty {@code :path} are required,
 *       except for CONNECT (§8.5: {@code :authority} only, no {@code :scheme}/{@code :path}) and
 *       extended CONNECT (RFC 8441 §4: {@code :protocol} with all four).</li>
 *   <li>{@code content-length}: digits only; repeated values must agree (RFC 9110 §8.6).</li>
 *   <li>{@code host}, if present with {@code :authority}, must name the same authority
 *       (§8.3.1: "A server SHOULD treat a request as malformed if it contains a Host header field
 *       that identifies an entity that differs from the entity in the :authority pseudo-header
 *       field").</li>
 *   <li>§8.2.3 cookies: a client may split {@code cookie} into several fields for better
 *       compression; "these MUST be concatenated into a single octet string using the two-octet
 *       delimiter of 0x3b, 0x20 (the ASCII string "; ") before being passed into ... a generic
 *       HTTP server application". So {@link #fields} holds at most one {@code cookie}, at the
 *       place of the first, its values joined by {@code "; "} in the order they came.</li>
 * </ul>
 *
 * @param authority {@code :authority}, or the {@code host} field, or {@code null}
 * @param protocol {@code :protocol} of an extended CONNECT, else {@code null}
 * @param fields the regular fields, in order (several {@code cookie} fields joined into one)
 * @param contentLength the {@code content-length}, or −1 without one
 */
public record RequestHead(String method, String scheme, String authority, String path, String protocol,
                          List<HeaderField> fields, long contentLength) {
    public RequestHead {
        fields = List.copyOf(fields);
    }

    /**
     * Checks a request's decoded fields and splits off the pseudo-header fields.
     *
     * @param streamId the stream, for the error
     * @param extendedConnect whether this endpoint sent SETTINGS_ENABLE_CONNECT_PROTOCOL = 1
     * @throws Http2Exception a stream error PROTOCOL_ERROR for a malformed request
     */
    public static RequestHead of(List<HeaderField> block, int streamId, boolean extendedConnect) throws Http2Exception {
        String method = null;
        String scheme = null;
        String authority = null;
        String path = null;
        String protocol = null;
        String host = null;
        long contentLength = -1;
        boolean regularSeen = false;
        List<HeaderField> fields = new ArrayList<>(block.size());
        for (HeaderField f : block) {
            String name = f.name();
            checkName(name, streamId);
            checkValue(f, streamId);
            if (name.charAt(0) == ':') {
                // §8.3: "All pseudo-header fields MUST appear in a field block before all regular
                // field lines."
                if (regularSeen) {
                    throw malformed(streamId, "pseudo-header field %s after a regular field", name);
                }
                String v = f.value();
                switch (name) {
                    case ":method" -> method = once(method, v, name, streamId);
                    case ":scheme" -> scheme = once(scheme, v, name, streamId);
                    case ":authority" -> authority = once(authority, v, name, streamId);
                    case ":path" -> path = once(path, v, name, streamId);
                    case ":protocol" -> {
                        if (!extendedConnect) {
                            throw malformed(streamId, ":protocol without SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441 §4)");
                        }
                        protocol = once(protocol, v, name, streamId);
                    }
                    // §8.3: "Endpoints MUST treat a request or response that contains undefined or
                    // invalid pseudo-header fields as malformed." (:status is a response's.)
                    default -> throw malformed(streamId, "pseudo-header field %s is not a request's", name);
                }
                continue;
            }
            regularSeen = true;
            switch (name) {
                // §8.2.2: "Any message containing connection-specific header fields MUST be
                // treated as malformed."
                case "connection", "proxy-connection", "keep-alive", "transfer-encoding", "upgrade" ->
                        throw malformed(streamId, "connection-specific field %s", name);
                // "The only exception to this is the TE header field, which MAY be present in an
                // HTTP/2 request; when it is, it MUST NOT contain any value other than 'trailers'."
                case "te" -> {
                    if (!f.value().equals("trailers")) {
                        throw malformed(streamId, "te: %s (only \"trailers\" is allowed)", f.value());
                    }
                }
                case "content-length" -> contentLength = contentLength(contentLength, f.value(), streamId);
                case "host" -> host = host == null ? f.value() : host;
                default -> {
                    // any other field
                }
            }
            fields.add(f);
        }
        if (method == null) {
            throw malformed(streamId, "no :method");
        }
        if (method.equals("CONNECT") && protocol == null) {
            // RFC 9113 §8.5: "The :scheme and :path pseudo-header fields MUST be omitted."
            if (scheme != null || path != null || authority == null) {
                throw malformed(streamId, "CONNECT needs :authority and no :scheme or :path");
            }
        } else {
            if (protocol != null && !method.equals("CONNECT")) {
                throw malformed(streamId, ":protocol on a %s request (RFC 8441 §4: CONNECT only)", method);
            }
            // §8.3.1: "All HTTP/2 requests MUST include exactly one valid value for the :method,
            // :scheme, and :path pseudo-header fields, unless they are CONNECT requests"; ":path ...
            // MUST NOT be empty for http or https URIs"
            if (scheme == null) {
                throw malformed(streamId, "no :scheme");
            }
            if (path == null || path.isEmpty()) {
                throw malformed(streamId, path == null ? "no :path" : "an empty :path");
            }
            if (protocol != null && authority == null) {
                throw malformed(streamId, "an extended CONNECT without :authority");
            }
        }
        if (authority != null && host != null && !host.equals(authority)) {
            throw malformed(streamId, "host %s differs from :authority %s", host, authority);
        }
        return new RequestHead(method, scheme, authority != null ? authority : host, path, protocol, joinCookies(fields),
                contentLength);
    }

    /**
     * §8.2.3: several {@code cookie} fields "MUST be concatenated into a single octet string using
     * the two-octet delimiter of 0x3b, 0x20 (the ASCII string "; ") before being passed into ... a
     * generic HTTP server application". The joined field takes the place of the first; it is
     * sensitive if any part was.
     */
    private static List<HeaderField> joinCookies(List<HeaderField> fields) {
        int first = -1;
        int count = 0;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals("cookie")) {
                first = count++ == 0 ? i : first;
            }
        }
        if (count < 2) {
            return fields;
        }
        StringJoiner value = new StringJoiner("; ");
        boolean sensitive = false;
        List<HeaderField> out = new ArrayList<>(fields.size() - count + 1);
        for (HeaderField f : fields) {
            if (f.name().equals("cookie")) {
                value.add(f.value());
                sensitive |= f.sensitive();
            } else {
                out.add(f);
            }
        }
        out.add(first, new HeaderField("cookie", value.toString(), sensitive));
        return out;
    }

    /**
     * Checks a trailer section (§8.1): the same field rules, no pseudo-header fields ("Trailers
     * MUST NOT include pseudo-header fields", §8.1), no connection-specific fields.
     *
     * @throws Http2Exception a stream error PROTOCOL_ERROR when malformed
     */
    public static List<HeaderField> trailers(List<HeaderField> block, int streamId) throws Http2Exception {
        for (HeaderField f : block) {
            checkName(f.name(), streamId);
            checkValue(f, streamId);
            switch (f.name()) {
                case "connection", "proxy-connection", "keep-alive", "transfer-encoding", "upgrade", "te" ->
                        throw malformed(streamId, "connection-specific field %s in trailers", f.name());
                default -> {
                    if (f.name().charAt(0) == ':') {
                        throw malformed(streamId, "pseudo-header field %s in trailers", f.name());
                    }
                }
            }
        }
        return List.copyOf(block);
    }

    /** True for a CONNECT without {@code :protocol} (a tunnel to {@code :authority}, RFC 9113 §8.5). */
    public boolean isConnect() {
        return method.equals("CONNECT") && protocol == null;
    }

    /** True for an extended CONNECT (RFC 8441): {@code :protocol} names what runs over the stream. */
    public boolean isExtendedConnect() {
        return protocol != null;
    }

    /** The first value of a regular field, or {@code null}. */
    public String field(String name) {
        for (HeaderField f : fields) {
            if (f.name().equals(name)) {
                return f.value();
            }
        }
        return null;
    }

    private static void checkName(String name, int streamId) throws Http2Exception {
        if (name.isEmpty()) {
            throw malformed(streamId, "an empty field name");
        }
        for (int i = 0, n = name.length(); i < n; i++) {
            char c = name.charAt(i);
            // §8.2.1: "A field name MUST NOT contain characters in the ranges 0x00-0x20, 0x41-0x5a,
            // or 0x7f-0xff"; "field names MUST NOT include a colon" except the pseudo prefix
            if (c <= 0x20 || c >= 'A' && c <= 'Z' || c >= 0x7f || c == ':' && i > 0) {
                throw malformed(streamId, "field name %s has octet 0x%02x at %d%s", name, (int) c, i,
                        c >= 'A' && c <= 'Z' ? " (names are lowercase in HTTP/2)" : "");
            }
        }
    }

    private static void checkValue(HeaderField f, int streamId) throws Http2Exception {
        String v = f.value();
        int n = v.length();
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            // §8.2.1: "A field value MUST NOT contain the zero value (ASCII NUL, 0x00), line feed
            // (ASCII LF, 0x0a), or carriage return (ASCII CR, 0x0d) at any position."
            if (c == 0 || c == '\n' || c == '\r') {
                throw malformed(streamId, "field %s has octet 0x%02x in its value", f.name(), (int) c);
            }
        }
        // "A field value MUST NOT start or end with an ASCII whitespace character (ASCII SP or
        // HTAB, 0x20 or 0x09)."
        if (n > 0 && (isSpace(v.charAt(0)) || isSpace(v.charAt(n - 1)))) {
            throw malformed(streamId, "field %s has whitespace at the start or end of its value", f.name());
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static String once(String previous, String value, String name, int streamId) throws Http2Exception {
        // §8.3: "The same pseudo-header field name MUST NOT appear more than once in a field block"
        if (previous != null) {
            throw malformed(streamId, "%s appears twice", name);
        }
        return value;
    }

    private static long contentLength(long previous, String value, int streamId) throws Http2Exception {
        if (value.isEmpty() || value.length() > 18) {
            throw malformed(streamId, "content-length %s", value);
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw malformed(streamId, "content-length %s is not a number", value);
            }
            n = n * 10 + (c - '0');
        }
        if (previous >= 0 && previous != n) {
            throw malformed(streamId, "two different content-length values");
        }
        return n;
    }

    static Http2Exception malformed(int streamId, String message, Object... args) {
        return Http2Exception.streamError(streamId, ErrorCode.PROTOCOL_ERROR, "malformed request: " + message, args);
    }
}
