package dev.netlab.http1;

import java.nio.charset.StandardCharsets;

/** Test helper: requests built in memory, for handlers called without a socket. */
public final class Requests {
    private Requests() {}

    public static Request of(String method, String target, String... headers) {
        return of(method, target, new byte[0], headers);
    }

    public static Request of(String method, String target, byte[] body, String... headers) {
        RequestTarget.Form form = target.equals("*") ? RequestTarget.Form.ASTERISK : RequestTarget.Form.ORIGIN;
        HeaderFields h = HeaderFields.of(headers);
        h.add("Host", "x");
        return new Request(new RequestHead(method, new RequestTarget(form, target), HttpVersion.HTTP_1_1, h), body);
    }

    public static Request json(String method, String target, String json) {
        return of(method, target, json.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    }

    /** The in-memory body of a response as text. */
    public static String text(Response r) {
        if (r.body() instanceof Response.Bytes b) {
            return new String(b.data(), StandardCharsets.UTF_8);
        }
        throw new AssertionError("expected a body in memory, got " + r.body());
    }
}
