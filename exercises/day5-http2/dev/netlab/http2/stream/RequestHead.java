package dev.netlab.http2.stream;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.http2.hpack.HeaderField;
import dev.netlab.kit.StubException;
import java.util.ArrayList;
import java.util.List;

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
        throw StubException.notImplemented("5.11", "Request assembly: pseudo-header rules, field validity, content-length, trailers", "day5-http2/README.md#requests-on-a-stream");
    }

    /**
     * Checks a trailer section (§8.1): the same field rules, no pseudo-header fields ("Trailers
     * MUST NOT include pseudo-header fields", §8.1), no connection-specific fields.
     *
     * @throws Http2Exception a stream error PROTOCOL_ERROR when malformed
     */
    public static List<HeaderField> trailers(List<HeaderField> block, int streamId) throws Http2Exception {
        throw StubException.notImplemented("5.11", "Request assembly: pseudo-header rules, field validity, content-length, trailers", "day5-http2/README.md#requests-on-a-stream");
    }

    /** True for a CONNECT without {@code :protocol} (a tunnel to {@code :authority}, RFC 9113 §8.5). */
    public boolean isConnect() {
        throw StubException.notImplemented("5.11", "Request assembly: pseudo-header rules, field validity, content-length, trailers", "day5-http2/README.md#requests-on-a-stream");
    }

    /** True for an extended CONNECT (RFC 8441): {@code :protocol} names what runs over the stream. */
    public boolean isExtendedConnect() {
        throw StubException.notImplemented("5.11", "Request assembly: pseudo-header rules, field validity, content-length, trailers", "day5-http2/README.md#requests-on-a-stream");
    }

    /** The first value of a regular field, or {@code null}. */
    public String field(String name) {
        throw StubException.notImplemented("5.11", "Request assembly: pseudo-header rules, field validity, content-length, trailers", "day5-http2/README.md#requests-on-a-stream");
    }
}
