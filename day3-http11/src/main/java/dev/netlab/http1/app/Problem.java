package dev.netlab.http1.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netlab.http1.Response;
import dev.netlab.http1.Status;
import java.util.List;

/**
 * Problem details (RFC 9457): an error response a program can read, as
 * {@code application/problem+json}.
 *
 * <pre>
 *   {"type":"about:blank","title":"Bad Request","status":400,
 *    "detail":"title must not be blank","errors":[{"field":"title","message":"must not be blank"}]}
 * </pre>
 */
public final class Problem {
    private Problem() {}

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One invalid member of a request body. */
    public record FieldError(String field, String message) {}

    public static Response response(Status status, String detail) {
        return response(status, detail, List.of());
    }

    /**
     * RFC 9457 §3.1: "about:blank" as the type means the problem "has no additional
     * semantics beyond that of the HTTP status code"; then the title SHOULD be the status's
     * reason phrase. {@code errors} is an extension member (§3.2).
     */
    public static Response response(Status status, String detail, List<FieldError> errors) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", status.reason());
        body.put("status", status.code());
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            var array = body.putArray("errors");
            for (FieldError e : errors) {
                array.addObject().put("field", e.field()).put("message", e.message());
            }
        }
        try {
            return Response.of(status).body(MEDIA_TYPE, JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
