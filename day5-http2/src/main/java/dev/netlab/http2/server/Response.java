package dev.netlab.http2.server;

import dev.netlab.http2.hpack.HeaderField;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a handler answers: a status, fields, content, and optionally trailers — or, to an
 * extended CONNECT, a {@link Tunnel}. Field names are lowercased (RFC 9113 §8.2: "Field names
 * MUST be converted to lowercase when constructing an HTTP/2 message"); connection-specific
 * fields are the server's business and refused here. Immutable: every "with" returns a copy.
 */
public final class Response {
    private final int status;
    private final List<HeaderField> headers;
    private final byte[] body;
    private final List<HeaderField> trailers;
    private final Tunnel tunnel;

    private Response(int status, List<HeaderField> headers, byte[] body, List<HeaderField> trailers, Tunnel tunnel) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("a status code has three digits: " + status);
        }
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.trailers = List.copyOf(trailers);
        this.tunnel = tunnel;
    }

    /** A response with content of a given type (no content-type field when {@code contentType} is null). */
    public static Response of(int status, String contentType, byte[] body) {
        List<HeaderField> h = new ArrayList<>();
        if (contentType != null) {
            h.add(new HeaderField("content-type", contentType));
        }
        return new Response(status, h, body, List.of(), null);
    }

    /** A text/plain UTF-8 response. */
    public static Response text(int status, String text) {
        return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** A response without content. */
    public static Response empty(int status) {
        return new Response(status, List.of(), new byte[0], List.of(), null);
    }

    /** Accepts an extended CONNECT: {@code :status 200}, then {@code tunnel} runs over the stream (RFC 8441 §5). */
    public static Response tunnel(Tunnel tunnel) {
        return new Response(200, List.of(), new byte[0], List.of(), tunnel);
    }

    /** This response with one more field. */
    public Response header(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade" ->
                    throw new IllegalArgumentException(name + " is connection-specific: HTTP/2 forbids it (RFC 9113 §8.2.2)");
            default -> {
                // fine
            }
        }
        List<HeaderField> h = new ArrayList<>(headers);
        h.add(new HeaderField(lower, value));
        return new Response(status, h, body, trailers, tunnel);
    }

    /** This response with a trailer section after the content (RFC 9110 §6.5). */
    public Response trailers(List<HeaderField> fields) {
        return new Response(status, headers, body, fields, tunnel);
    }

    public int status() {
        return status;
    }

    /** The fields, without {@code :status} and without {@code content-length} (the server adds both). */
    public List<HeaderField> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public List<HeaderField> trailers() {
        return trailers;
    }

    /** The tunnel of an accepted extended CONNECT, or {@code null}. */
    public Tunnel tunnel() {
        return tunnel;
    }
}
