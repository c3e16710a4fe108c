package dev.netlab.websocket.handshake;

import dev.netlab.websocket.WireInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, bounded reader of an HTTP/1.1 request head (RFC 9112 §2–§5), enough for the
 * upgrade: request line, field lines, empty line. Day 3 taught the full parser; this one is
 * given and strict: CRLF line ends only, no obs-fold, no whitespace before the colon, at most
 * {@link #MAX_HEAD} octets ({@code 431}) and {@link #MAX_FIELDS} field lines, a request line
 * of at most {@link #MAX_LINE} octets ({@code 414}). It reads octet by octet from the
 * {@link WireInput}, so nothing after the head is consumed: the first WebSocket frame may
 * already be buffered behind it.
 *
 * <pre>
 *   request-line = method SP request-target SP HTTP-version CRLF      ; RFC 9112 §3
 *   field-line   = field-name ":" OWS field-value OWS CRLF            ; RFC 9112 §5
 * </pre>
 */
public final class RequestHeadReader {
    public static final int MAX_HEAD = 8192;
    public static final int MAX_LINE = 4096;
    public static final int MAX_FIELDS = 100;

    private RequestHeadReader() {}

    /** The next request head, or null when the stream ends before its first octet. */
    public static RequestHead read(WireInput in) throws IOException, HttpHeadException {
        int[] budget = {MAX_HEAD};
        String requestLine = line(in, budget, MAX_LINE, true);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/")) {
            throw new HttpHeadException(400, "malformed request line");
        }
        for (int i = 0; i < parts[0].length(); i++) {
            if (!tchar(parts[0].charAt(i))) {
                throw new HttpHeadException(400, "malformed method");
            }
        }
        List<RequestHead.Field> fields = new ArrayList<>();
        while (true) {
            String line = line(in, budget, MAX_HEAD, false);
            if (line == null) {
                throw new HttpHeadException(400, "the stream ended inside the head");
            }
            if (line.isEmpty()) {
                return new RequestHead(parts[0], parts[1], parts[2], fields);
            }
            if (fields.size() == MAX_FIELDS) {
                throw new HttpHeadException(431, "more than " + MAX_FIELDS + " field lines");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new HttpHeadException(400, "a field line without a name and a colon");
            }
            String name = line.substring(0, colon);
            for (int i = 0; i < name.length(); i++) {
                if (!tchar(name.charAt(i))) {
                    // RFC 9112 §5.1: "No whitespace is allowed between the field name and colon."
                    throw new HttpHeadException(400, "invalid field name " + name.strip());
                }
            }
            String value = line.substring(colon + 1).strip();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7F) {
                    throw new HttpHeadException(400, "a control octet in a field value");
                }
            }
            fields.add(new RequestHead.Field(name, value));
        }
    }

    /** One line without its CRLF; null if the stream ends before the first octet of a request line. */
    private static String line(WireInput in, int[] budget, int max, boolean first) throws IOException, HttpHeadException {
        byte[] line = new byte[128];
        int n = 0;
        while (true) {
            if (first && n == 0 && in.atEnd()) {
                return null;
            }
            if (in.atEnd()) {
                return null;
            }
            int b = in.readUnsignedByte();
            if (--budget[0] < 0) {
                throw new HttpHeadException(431, "the request head is longer than " + MAX_HEAD + " octets");
            }
            if (b == '\r') {
                if (in.atEnd() || in.readUnsignedByte() != '\n') {
                    throw new HttpHeadException(400, "CR not followed by LF");
                }
                budget[0]--;
                return new String(line, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                throw new HttpHeadException(400, "a bare LF ends a line (CRLF required)");
            }
            if (n == max) {
                throw new HttpHeadException(first ? 414 : 431, first ? "request line too long" : "field line too long");
            }
            if (n == line.length) {
                line = java.util.Arrays.copyOf(line, line.length * 2);
            }
            line[n++] = (byte) b;
        }
    }

    private static boolean tchar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
