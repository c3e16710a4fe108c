package dev.netlab.http1;

import java.nio.charset.StandardCharsets;

/**
 * A complete request as the server hands it to a {@link Handler}: the head, the whole body
 * (at most {@link Limits#maxBodyBytes()} octets, so holding it in memory is bounded) and the
 * trailers of a chunked body.
 */
public record Request(RequestHead head, byte[] body, HeaderFields trailers) {
    public Request(RequestHead head, byte[] body) {
        this(head, body, new HeaderFields());
    }

    public String method() {
        return head.method();
    }

    /** The path of the target as sent (still percent-encoded). */
    public String path() {
        return head.target().path();
    }

    public HeaderFields headers() {
        return head.headers();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
