package dev.netlab.http2.server;

import dev.netlab.http2.hpack.HeaderField;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One HTTP request as a handler sees it, whichever way it came (HTTP/2 over TLS, h2c by prior
 * knowledge or by Upgrade, or HTTP/1.1 as the fallback).
 *
 * @param streamId the HTTP/2 stream (1 for a request that came as HTTP/1.1)
 * @param protocol {@code :protocol} of an extended CONNECT (RFC 8441), else {@code null}
 * @param headers the regular fields in order, names lowercase
 * @param body the content (empty for an extended CONNECT: its octets arrive through the tunnel)
 * @param trailers the trailer section, often empty
 * @param version {@code "HTTP/2"} or {@code "HTTP/1.1"}
 */
public record Request(int streamId, String method, String scheme, String authority, String path, String protocol,
                      List<HeaderField> headers, byte[] body, List<HeaderField> trailers, String version) {
    public Request {
        headers = List.copyOf(headers);
        trailers = List.copyOf(trailers);
    }

    /** The first value of a field (names are lowercase), or {@code null}. */
    public String header(String name) {
        for (HeaderField f : headers) {
            if (f.name().equals(name)) {
                return f.valueUtf8();
            }
        }
        return null;
    }

    /** The path without the query. */
    public String pathOnly() {
        int q = path == null ? -1 : path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** The content as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
