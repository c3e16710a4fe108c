package dev.netlab.http1;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A response as a handler builds it: a status, header fields and a body. The framing fields
 * ({@code Content-Length}, {@code Transfer-Encoding}), {@code Date} and {@code Connection} are
 * not set here: the {@link ResponseWriter} derives them from the body and the connection.
 */
public final class Response {
    /** What follows the header section. */
    public sealed interface Body {
        /** The length in octets, or -1 when unknown until it is written. */
        long length();
    }

    /** No content at all. */
    public record Empty() implements Body {
        @Override
        public long length() {
            return 0;
        }
    }

    /** Content held in memory. */
    public record Bytes(byte[] data) implements Body {
        @Override
        public long length() {
            return data.length;
        }
    }

    /** {@code length} octets of {@code file} from {@code offset}: sent with {@code FileChannel.transferTo}. */
    public record FileRegion(Path file, long offset, long length) implements Body {}

    /** Content produced while writing, length unknown upfront: chunked for HTTP/1.1 clients. */
    public record Streamed(ContentWriter writer) implements Body {
        @Override
        public long length() {
            return -1;
        }
    }

    /** Writes a streamed body's octets; the writer applies the transfer coding. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    public static final Body EMPTY = new Empty();

    private final Status status;
    private final HeaderFields headers = new HeaderFields();
    private Body body = EMPTY;

    private Response(Status status) {
        this.status = status;
    }

    public static Response of(Status status) {
        return new Response(status);
    }

    /** A {@code text/plain; charset=utf-8} response. */
    public static Response text(Status status, String text) {
        return of(status).body("text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds a field line. The name must be a token and the value field-content (VCHAR, obs-text,
     * SP, HTAB: RFC 9110 §5.1, §5.5): a CR or LF in a value taken from a request would split
     * the response in two (response splitting; RFC 9112 §2.2: "A sender MUST NOT generate a
     * bare CR ... within any protocol elements other than the content"), so such a field is
     * refused with an {@link IllegalArgumentException}, which the connection answers with 500.
     */
    public Response header(String name, String value) {
        if (!Abnf.isToken(name)) {
            throw new IllegalArgumentException("a field name is a token: " + name);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF || c == 0x7F || (c < 0x20 && c != Abnf.HTAB)) {
                throw new IllegalArgumentException("control octet 0x%02x in the value of %s".formatted((int) c, name));
            }
        }
        headers.add(name, value);
        return this;
    }

    public Response body(String contentType, byte[] data) {
        headers.set("Content-Type", contentType);
        this.body = new Bytes(data);
        return this;
    }

    public Response body(Body body) {
        this.body = body;
        return this;
    }

    public Status status() {
        return status;
    }

    public HeaderFields headers() {
        return headers;
    }

    public Body body() {
        return body;
    }
}
