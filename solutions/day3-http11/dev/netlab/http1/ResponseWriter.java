package dev.netlab.http1;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes responses on one connection: the status line, the header section with the fields
 * only the connection can know ({@code Date}, framing, {@code Connection}), then the body
 * (RFC 9112 §4, §6; RFC 9110 §6.6.1, §7.6.1).
 *
 * <pre>
 *   HTTP/1.1 200 OK␍␊                       status-line = HTTP-version SP status-code SP [ reason-phrase ]
 *   Date: Sun, 06 Nov 1994 08:49:37 GMT␍␊   IMF-fixdate
 *   Content-Type: text/plain␍␊              from the handler
 *   Content-Length: 5␍␊                     or Transfer-Encoding: chunked, decided here
 *   ␍␊
 *   hello
 * </pre>
 */
public final class ResponseWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COLON_SP = {':', ' '};
    private static final byte[] LAST_CHUNK = latin1("0\r\n\r\n");
    private static final byte[] CONTINUE = latin1("HTTP/1.1 100 Continue\r\n\r\n");
    /** status-line for every status, encoded once: "HTTP/1.1 200 OK␍␊", indexed by ordinal. */
    private static final byte[][] STATUS_LINES = statusLines();
    // The field lines that never change, encoded once.
    private static final byte[] SERVER = latin1("Server: netlab-day3\r\n");
    private static final byte[] CONTENT_LENGTH = latin1("Content-Length: ");
    private static final byte[] CHUNKED = latin1("Transfer-Encoding: chunked\r\n");
    private static final byte[] CLOSE = latin1("Connection: close\r\n");
    private static final byte[] KEEP_ALIVE = latin1("Connection: keep-alive\r\n");
    /**
     * The Date field line of the current second. Date has a resolution of one second, so it is
     * formatted once per second for all connections, not once per response.
     */
    private static volatile DateLine dateLine = new DateLine(Long.MIN_VALUE, new byte[0]);

    private record DateLine(long epochSecond, byte[] octets) {}

    private final OutputStream out;
    private final WritableByteChannel channel;
    private final Clock clock;
    /**
     * The head of the response being written, as octets, reused: a connection writes one
     * response at a time. The head goes out in a single write of this array.
     */
    private byte[] head = new byte[256];
    private int headLength;

    /**
     * @param out     the connection's output, for the head and in-memory bodies
     * @param channel the same connection as a channel, for zero-copy file bodies
     * @param clock   the source of {@code Date}
     */
    public ResponseWriter(OutputStream out, WritableByteChannel channel, Clock clock) {
        this.out = out;
        this.channel = channel;
        this.clock = clock;
    }

    /** An interim {@code 100 Continue} (RFC 9110 §15.2.1): a status line and an empty header section. */
    public void writeContinue() throws IOException {
        out.write(CONTINUE);
        out.flush();
    }

    /**
     * Writes {@code response} as the answer to {@code request} (null when the request could
     * not be parsed) and returns whether the connection may carry another request.
     *
     * @param keepAlive what the connection wants: false writes {@code Connection: close}
     */
    public boolean write(RequestHead request, Response response, boolean keepAlive) throws IOException {
        Status status = response.status();
        Response.Body body = response.body();
        boolean http10 = request != null && request.version() == HttpVersion.HTTP_1_0;
        // RFC 9110 §9.3.2: the server SHOULD send the same header fields in a HEAD response
        // as for GET, but "MUST NOT send content in the response to HEAD".
        boolean isHead = request != null && request.isHead();
        // RFC 9110 §6.4.1: 1xx, 204 and 304 responses never carry content.
        boolean noContent = status.forbidsContent();

        headLength = 0;
        append(STATUS_LINES[status.ordinal()]);
        // RFC 9110 §6.6.1: "An origin server with a clock ... MUST generate a Date header
        // field in all 2xx (Successful), 3xx (Redirection), and 4xx (Client Error) responses"
        append(dateLine());
        append(SERVER);
        for (HeaderFields.Field f : response.headers().fields()) {
            if (!isConnectionOwned(f.name())) {
                field(f.name(), f.value());
            }
        }

        boolean chunked = false;
        long length = body.length();
        if (noContent) {
            // RFC 9110 §8.6: "A server MUST NOT send a Content-Length header field in any
            // response with a status code of 1xx (Informational) or 204 (No Content)".
            length = 0;
        } else if (length >= 0) {
            append(CONTENT_LENGTH);
            append(Long.toString(length));
            append(CRLF);
        } else if (!http10) {
            // RFC 9112 §7.1: chunked lets the sender stream content of unknown length.
            append(CHUNKED);
            chunked = true;
        } else {
            // RFC 9112 §6.1: a server "MUST NOT send a response containing Transfer-Encoding
            // unless the corresponding request indicates HTTP/1.1"; the HTTP/1.0 client
            // reads until the close instead (RFC 9112 §6.3 item 8).
            keepAlive = false;
        }

        if (!keepAlive) {
            // RFC 9112 §9.6: a server that will close "SHOULD send a 'close' connection option"
            append(CLOSE);
        } else if (http10) {
            // RFC 9112 Appendix C.2.2: an HTTP/1.0 client needs "keep-alive" to stay.
            append(KEEP_ALIVE);
        }

        append(CRLF);
        out.write(head, 0, headLength);

        if (!isHead && !noContent) {
            writeBody(body, chunked);
        }
        // One flush per response: the head and an in-memory body leave in one write.
        out.flush();
        return keepAlive;
    }

    /** field-line = field-name ":" OWS field-value OWS, then CRLF (RFC 9112 §5). */
    private void field(String name, String value) {
        append(name);
        append(COLON_SP);
        append(value);
        append(CRLF);
    }

    /** "Date: " IMF-fixdate CRLF for the current second, formatted again only when the second changes. */
    private byte[] dateLine() {
        long second = Math.floorDiv(clock.millis(), 1000); // millis(): no Instant per response
        DateLine line = dateLine;
        if (line.epochSecond() != second) {
            // two connections may both format a new second: the same octets, so either wins
            line = new DateLine(second, latin1("Date: " + HttpDate.format(Instant.ofEpochSecond(second)) + "\r\n"));
            dateLine = line;
        }
        return line.octets();
    }

    private void append(byte[] octets) {
        ensureRoom(octets.length);
        System.arraycopy(octets, 0, head, headLength, octets.length);
        headLength += octets.length;
    }

    /** A string's characters as ISO-8859-1 octets: field values are at most Latin-1 (RFC 9110 §5.5). */
    private void append(String s) {
        int n = s.length();
        ensureRoom(n);
        for (int i = 0; i < n; i++) {
            head[headLength++] = (byte) s.charAt(i);
        }
    }

    private void ensureRoom(int n) {
        if (headLength + n > head.length) {
            head = Arrays.copyOf(head, Math.max(headLength + n, 2 * head.length));
        }
    }

    /** Octets of a string that is ASCII or at most Latin-1. */
    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[][] statusLines() {
        Status[] all = Status.values();
        byte[][] lines = new byte[all.length][];
        for (Status s : all) {
            // status-line = HTTP-version SP status-code SP [ reason-phrase ] CRLF (RFC 9112 §4)
            lines[s.ordinal()] = latin1("HTTP/1.1 " + s.code() + " " + s.reason() + "\r\n");
        }
        return lines;
    }

    private void writeBody(Response.Body body, boolean chunked) throws IOException {
        switch (body) {
            case Response.Empty e -> { }
            case Response.Bytes b -> out.write(b.data());
            case Response.FileRegion f -> transfer(f);
            case Response.Streamed s -> {
                if (chunked) {
                    OutputStream chunks = new ChunkedOutputStream(out);
                    s.writer().writeTo(chunks);
                    out.write(LAST_CHUNK);
                } else {
                    s.writer().writeTo(out);
                }
            }
        }
    }

    /** Zero copy: the kernel moves the file's pages to the socket (sendfile on Linux). */
    private void transfer(Response.FileRegion region) throws IOException {
        out.flush(); // the head must go first
        try (FileChannel file = FileChannel.open(region.file(), StandardOpenOption.READ)) {
            long position = region.offset();
            long end = region.offset() + region.length();
            while (position < end) {
                long sent = file.transferTo(position, end - position, channel);
                if (sent <= 0 && position >= file.size()) {
                    throw new IOException("file shrank while being sent: " + region.file());
                }
                position += sent;
            }
        }
    }

    /** Header fields the connection sets; a handler's values for them are dropped. */
    private static boolean isConnectionOwned(String name) {
        return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                || name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Date")
                || name.equalsIgnoreCase("Keep-Alive");
    }

    /** chunk = chunk-size CRLF chunk-data CRLF, one chunk per write (RFC 9112 §7.1). */
    private static final class ChunkedOutputStream extends OutputStream {
        private final OutputStream out;

        ChunkedOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return; // a zero-size chunk would end the body
            }
            out.write(Integer.toHexString(len).getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            out.write(b, off, len);
            out.write(CRLF);
        }
    }
}
