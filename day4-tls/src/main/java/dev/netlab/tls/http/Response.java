package dev.netlab.tls.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP response to write: status, reason, fields and a body of known length. Immutable;
 * {@link #withField} returns a copy.
 */
public record Response(int status, String reason, List<RequestHead.Field> fields, byte[] body) {
    public Response {
        fields = List.copyOf(fields);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public static Response of(int status, String reason, String contentType, String body) {
        return new Response(status, reason, List.of(new RequestHead.Field("Content-Type", contentType)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    public static Response text(int status, String reason, String body) {
        return of(status, reason, "text/plain; charset=utf-8", body);
    }

    /** A copy with one more field line. */
    public Response withField(String name, String value) {
        List<RequestHead.Field> more = new ArrayList<>(fields);
        more.add(new RequestHead.Field(name, value));
        return new Response(status, reason, more, body);
    }

    /** The first value of field {@code name} (case-insensitive), or null. */
    public String field(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(RequestHead.Field::value).findFirst().orElse(null);
    }
}
