package dev.netlab.http1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Test helper: reads HTTP/1.1 responses off a byte stream the way a client must (RFC 9112
 * §6.3 from the client's side): status line, header section, then the body by
 * Content-Length, chunked, none (HEAD, 1xx, 204, 304) or until the close.
 */
public final class HttpResponses {
    private HttpResponses() {}

    /**
     * One response.
     *
     * @param offset where its status line starts among the octets the server sent
     */
    public record Parsed(int code, String statusLine, HeaderFields headers, byte[] body, long offset) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean closes() {
            return headers.containsToken("Connection", "close");
        }
    }

    /** Reads responses from one stream, counting octets so failures can point at them. */
    public static final class Reader {
        private final InputStream in;
        private final java.util.function.Supplier<Throwable> serverFailure;
        private long offset;

        public Reader(InputStream in) {
            this(in, () -> null);
        }

        /** {@code serverFailure}: what went wrong on the server's side, reported when reading fails. */
        public Reader(InputStream in, java.util.function.Supplier<Throwable> serverFailure) {
            this.in = in;
            this.serverFailure = serverFailure;
        }

        /** Octets read so far. */
        public long offset() {
            return offset;
        }

        public Parsed read() throws IOException {
            return read(false);
        }

        /** The next response; {@code toHead}: the request was HEAD, so no content follows. */
        public Parsed read(boolean toHead) throws IOException {
            try {
                return readResponse(toHead);
            } catch (IOException e) {
                Throwable server = serverFailure.get();
                if (server != null) {
                    throw new AssertionError("no response (" + e.getMessage() + "): the server's connection code threw "
                            + server, server);
                }
                throw e;
            }
        }

        private Parsed readResponse(boolean toHead) throws IOException {
            long start = offset;
            String statusLine = line();
            if (statusLine == null) {
                throw new IOException("the server closed the connection instead of answering");
            }
            if (!statusLine.matches("HTTP/1\\.[01] \\d{3} .*") && !statusLine.matches("HTTP/1\\.[01] \\d{3}")) {
                throw new IOException("not a status line: \"" + statusLine + "\"");
            }
            int code = Integer.parseInt(statusLine.substring(9, 12));
            HeaderFields headers = new HeaderFields();
            for (String l = line(); ; l = line()) {
                if (l == null) {
                    throw new IOException("the connection closed inside the header section");
                }
                if (l.isEmpty()) {
                    break;
                }
                int colon = l.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("not a field line: \"" + l + "\"");
                }
                headers.add(l.substring(0, colon), l.substring(colon + 1).strip());
            }
            byte[] body;
            if (toHead || code < 200 || code == 204 || code == 304) {
                body = new byte[0];
            } else if (headers.containsToken("Transfer-Encoding", "chunked")) {
                body = chunked();
            } else if (headers.contains("Content-Length")) {
                body = exactly(Integer.parseInt(headers.first("Content-Length").orElseThrow()));
            } else {
                body = untilClose();
            }
            return new Parsed(code, statusLine, headers, body, start);
        }

        /** True when the server has closed: the next read is end of stream. */
        public boolean atEof() throws IOException {
            int b = in.read();
            if (b >= 0) {
                offset++;
                return false;
            }
            return true;
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                offset++;
                if (c == '\n') {
                    byte[] a = b.toByteArray();
                    int n = a.length > 0 && a[a.length - 1] == '\r' ? a.length - 1 : a.length;
                    return new String(a, 0, n, StandardCharsets.ISO_8859_1);
                }
                b.write(c);
                if (b.size() > 65_536) {
                    throw new IOException("a line longer than 64 KiB");
                }
            }
            return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
        }

        private byte[] exactly(int n) throws IOException {
            byte[] b = in.readNBytes(n);
            offset += b.length;
            if (b.length < n) {
                throw new IOException("the connection closed after " + b.length + " of " + n + " content octets");
            }
            return b;
        }

        private byte[] chunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                if (size == null) {
                    throw new IOException("the connection closed inside a chunked body");
                }
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).strip().toLowerCase(Locale.ROOT), 16);
                if (n == 0) {
                    while (true) {
                        String trailer = line();
                        if (trailer == null || trailer.isEmpty()) {
                            return body.toByteArray();
                        }
                    }
                }
                body.write(exactly(n));
                String crlf = line();
                if (crlf == null || !crlf.isEmpty()) {
                    throw new IOException("chunk data not followed by CRLF");
                }
            }
        }

        private byte[] untilClose() throws IOException {
            byte[] b = in.readAllBytes();
            offset += b.length;
            return b;
        }
    }
}
