package dev.netlab.websocket.handshake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Writes the few HTTP/1.1 responses the day's server needs: the 101, refusals, small bodies. */
public final class HttpResponses {
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(101, "Switching Protocols"), Map.entry(200, "OK"), Map.entry(400, "Bad Request"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(414, "URI Too Long"), Map.entry(426, "Upgrade Required"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(503, "Service Unavailable"));

    private HttpResponses() {}

    /** The head of a handshake answer: status line, its fields, and for a refusal a text body and Connection: close. */
    public static byte[] encode(HandshakeResult result) {
        if (result instanceof HandshakeResult.Refuse refuse) {
            return encode(refuse.status(), refuse.fields(), "text/plain; charset=utf-8",
                    (refuse.reason() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder head = statusLine(result.status());
        for (RequestHead.Field f : result.fields()) {
            head.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A complete response with a body and {@code Connection: close} after it. */
    public static byte[] encode(int status, List<RequestHead.Field> fields, String contentType, byte[] body) {
        StringBuilder head = statusLine(status);
        for (RequestHead.Field f : fields) {
            head.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        head.append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    public static void write(OutputStream out, byte[] response) throws IOException {
        out.write(response);
        out.flush();
    }

    private static StringBuilder statusLine(int status) {
        return new StringBuilder("HTTP/1.1 ").append(status).append(' ')
                .append(REASONS.getOrDefault(status, "Status")).append("\r\n");
    }
}
