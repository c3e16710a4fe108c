package dev.netlab.http2.server;

import dev.netlab.http2.hpack.HeaderField;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP/1.1 side of this server, kept small: a bounded reader of one request (request line,
 * fields, a Content-Length body — no chunked requests) and a writer of one response. It serves
 * two purposes: the {@code Upgrade: h2c} request that turns a connection into HTTP/2 (RFC 7540
 * §3.2), and HTTP/1.1 as the fallback for clients that speak nothing else. Day 3 teaches
 * HTTP/1.1 properly; this is given plumbing.
 */
final class Http1Exchange {
    private static final int MAX_HEAD = 16 * 1024;

    /** A parsed request head. Field names lowercase. */
    record Head(String method, String target, String version, List<HeaderField> fields) {
        String field(String name) {
            for (HeaderField f : fields) {
                if (f.name().equals(name)) {
                    return f.value();
                }
            }
            return null;
        }

        /** True when a comma-separated field lists {@code token} (case-insensitive). */
        boolean lists(String name, String token) {
            for (HeaderField f : fields) {
                if (f.name().equals(name)) {
                    for (String t : f.value().split(",")) {
                        if (t.trim().equalsIgnoreCase(token)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /**
         * An {@code Upgrade: h2c} request (RFC 7540 §3.2): {@code Upgrade: h2c}, exactly one
         * {@code HTTP2-Settings}, and both named in {@code Connection}.
         */
        boolean isH2cUpgrade() {
            return lists("upgrade", "h2c") && lists("connection", "upgrade") && lists("connection", "http2-settings")
                    && fields.stream().filter(f -> f.name().equals("http2-settings")).count() == 1;
        }

        /** The HTTP2-Settings payload: base64url without padding (RFC 7540 §3.2.1). */
        byte[] http2Settings() {
            return Base64.getUrlDecoder().decode(field("http2-settings").trim());
        }

        boolean keepAlive() {
            return version.equals("HTTP/1.1") ? !lists("connection", "close") : lists("connection", "keep-alive");
        }
    }

    private Http1Exchange() {}

    /** Reads a request head, at most 16 KiB; null at a clean end of stream before any octet. */
    static Head readHead(InputStream in) throws IOException {
        String line = readLine(in, true);
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.1 request line: " + line);
        }
        List<HeaderField> fields = new ArrayList<>();
        int total = line.length();
        while (true) {
            String f = readLine(in, false);
            total += f.length() + 2;
            if (total > MAX_HEAD) {
                throw new IOException("a request head over " + MAX_HEAD + " octets");
            }
            if (f.isEmpty()) {
                break;
            }
            int colon = f.indexOf(':');
            if (colon <= 0) {
                throw new IOException("a field line without a name: " + f);
            }
            fields.add(new HeaderField(f.substring(0, colon).toLowerCase(Locale.ROOT), f.substring(colon + 1).trim()));
        }
        return new Head(parts[0], parts[1], parts[2], fields);
    }

    /** Reads the Content-Length body (at most {@code max} octets). */
    static byte[] readBody(InputStream in, Head head, long max) throws IOException {
        String cl = head.field("content-length");
        if (head.field("transfer-encoding") != null) {
            throw new IOException("chunked requests are not supported by this small HTTP/1.1 side");
        }
        if (cl == null) {
            return new byte[0];
        }
        long n = Long.parseLong(cl.trim());
        if (n < 0 || n > max) {
            throw new IOException("a body of " + n + " octets");
        }
        byte[] body = in.readNBytes((int) n);
        if (body.length != n) {
            throw new EOFException("the body ended early");
        }
        return body;
    }

    /** The request as a handler sees it. */
    static Request request(Head head, byte[] body, String scheme) {
        List<HeaderField> fields = head.fields().stream()
                .filter(f -> !List.of("connection", "upgrade", "http2-settings", "keep-alive", "host", "te").contains(f.name()))
                .toList();
        return new Request(1, head.method(), scheme, head.field("host"), head.target(), null, fields, body, List.of(), "HTTP/1.1");
    }

    /** Writes a response with Content-Length. */
    static void write(OutputStream out, Response r, boolean head, boolean keepAlive) throws IOException {
        StringBuilder b = new StringBuilder(256);
        b.append("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status())).append("\r\n");
        for (HeaderField f : r.headers()) {
            b.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        b.append("content-length: ").append(r.body().length).append("\r\n");
        if (!keepAlive) {
            b.append("connection: close\r\n");
        }
        b.append("\r\n");
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.write(r.body());
        }
        out.flush();
    }

    /** RFC 7540 §3.2: "HTTP/1.1 101 Switching Protocols", Connection and Upgrade: h2c. */
    static void switchingProtocols(OutputStream out) throws IOException {
        out.write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in, boolean mayEnd) throws IOException {
        StringBuilder b = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (mayEnd && b.isEmpty()) {
                    return null;
                }
                throw new EOFException("the request head ended early");
            }
            if (c == '\n') {
                int n = b.length();
                return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
            }
            if (b.length() >= MAX_HEAD) {
                throw new IOException("a line over " + MAX_HEAD + " octets");
            }
            b.append((char) c);
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 500 -> "Internal Server Error";
            default -> "Status";
        };
    }
}
