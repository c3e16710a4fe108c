package dev.netlab.tls.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A small, strict HTTP/1.1 connection loop (given code: the HTTP of day 4 is only the
 * payload that TLS carries; day 3 builds the real thing). It reads a request head of at most
 * {@link #MAX_HEAD} octets, a Content-Length body of at most {@link #MAX_BODY} (read and
 * dropped), answers with Content-Length framing, and keeps the connection for the next request
 * unless the client asked to close (or spoke HTTP/1.0). Anything it cannot parse is a 400 with
 * {@code Connection: close}; a Transfer-Encoding is 501 and close (RFC 9112 §6.1).
 *
 * <p>Timeouts are the caller's: set {@code SO_TIMEOUT} on the socket, and a read that times out
 * ends the loop with the exception.
 */
public final class Http1Exchange {
    private Http1Exchange() {}

    public static final int MAX_HEAD = 16 * 1024;
    public static final int MAX_BODY = 1 << 20;

    /**
     * Serves requests from {@code in} on {@code out} until the client closes or asks to; each
     * response passes through {@code decorate} (HSTS adds its field there). Returns the number of
     * requests answered.
     */
    public static int serve(InputStream in, OutputStream out, Handler handler, ConnectionInfo info,
            UnaryOperator<Response> decorate) throws IOException {
        BufferedInputStream input = new BufferedInputStream(in, 8192);
        BufferedOutputStream output = new BufferedOutputStream(out, 8192);
        int answered = 0;
        while (true) {
            RequestHead head;
            try {
                head = readHead(input);
            } catch (IllegalArgumentException e) {
                write(output, decorate.apply(Response.text(400, "Bad Request", e.getMessage() + "\n")), true, false);
                return answered;
            }
            if (head == null) {
                return answered; // closed between requests
            }
            boolean close = head.version().equals("HTTP/1.0")
                    || head.field("Connection").map(v -> v.toLowerCase(java.util.Locale.ROOT).contains("close")).orElse(false);
            if (head.field("Transfer-Encoding").isPresent()) {
                write(output, decorate.apply(Response.text(501, "Not Implemented", "chunked request bodies are not read here\n")), true, false);
                return answered;
            }
            long length;
            try {
                length = Long.parseLong(head.field("Content-Length").orElse("0").trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0 || length > MAX_BODY) {
                write(output, decorate.apply(Response.text(length < 0 ? 400 : 413, length < 0 ? "Bad Request" : "Content Too Large",
                        "Content-Length\n")), true, false);
                return answered;
            }
            input.skipNBytes(length);
            Response response;
            try {
                response = handler.handle(head, info);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                response = Response.text(500, "Internal Server Error", e.getMessage() + "\n");
            }
            write(output, decorate.apply(response), close, head.method().equals("HEAD"));
            answered++;
            if (close) {
                return answered;
            }
        }
    }

    /** The next request head, or null at the end of the stream before its first octet. */
    static RequestHead readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (total == 0) {
                    return null;
                }
                throw new IllegalArgumentException("the request head ended early");
            }
            if (++total > MAX_HEAD) {
                throw new IllegalArgumentException("a request head over " + MAX_HEAD + " octets");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (!text.endsWith("\r")) {
                    throw new IllegalArgumentException("a bare LF");
                }
                text = text.substring(0, text.length() - 1);
                line.reset();
                if (text.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue; // RFC 9112 §2.2: empty lines before the request line
                    }
                    return head(lines);
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
    }

    private static RequestHead head(List<String> lines) {
        String[] start = lines.get(0).split(" ", -1);
        if (start.length != 3 || start[0].isEmpty() || start[1].isEmpty() || !start[2].matches("HTTP/1\\.[01]")) {
            throw new IllegalArgumentException("not a request line: " + lines.get(0));
        }
        List<RequestHead.Field> fields = new ArrayList<>();
        for (String field : lines.subList(1, lines.size())) {
            int colon = field.indexOf(':');
            if (colon <= 0 || field.charAt(colon - 1) == ' ' || field.startsWith(" ") || field.startsWith("\t")) {
                throw new IllegalArgumentException("not a field line: " + field);
            }
            fields.add(new RequestHead.Field(field.substring(0, colon), field.substring(colon + 1).strip()));
        }
        return new RequestHead(start[0], start[1], start[2], fields);
    }

    static void write(OutputStream out, Response response, boolean close, boolean head) throws IOException {
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(response.status()).append(' ').append(response.reason()).append("\r\n");
        for (RequestHead.Field f : response.fields()) {
            text.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        byte[] body = response.body();
        if (response.status() != 204 && response.status() != 304) {
            text.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (close) {
            text.append("Connection: close\r\n");
        }
        text.append("\r\n");
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head && response.status() != 204 && response.status() != 304) {
            out.write(body);
        }
        out.flush();
    }
}
