package dev.netlab.http1.client;

import dev.netlab.http1.HeaderFields;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client over one raw socket, kept alive between requests (RFC 9112
 * §9.3): it writes a request, reads the response by the rules a client must apply
 * (RFC 9112 §6.3), and reconnects only when the server closed. Redirects are returned, not
 * followed. Not thread-safe: one request at a time.
 */
public final class Http1Client implements AutoCloseable {
    /** A response's header section may not exceed this; content may not exceed {@link #MAX_BODY}. */
    public static final int MAX_HEADER_BYTES = 64 * 1024;
    public static final int MAX_BODY = 16 * 1024 * 1024;

    private final InetSocketAddress server;
    private final Duration timeout;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int connectionsOpened;

    public Http1Client(InetSocketAddress server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
    }

    public ClientResponse get(String target) throws IOException {
        return send("GET", target, new HeaderFields(), null);
    }

    public ClientResponse post(String target, String contentType, byte[] body) throws IOException {
        return send("POST", target, HeaderFields.of("Content-Type", contentType), body);
    }

    /**
     * Sends one request on the kept-alive connection (opening one when there is none) and
     * reads its response. {@code body} null means no content; otherwise it is sent with
     * Content-Length.
     */
    public ClientResponse send(String method, String target, HeaderFields headers, byte[] body) throws IOException {
        if (socket == null || socket.isClosed()) {
            connect();
        }
        StringBuilder head = new StringBuilder(128);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        // RFC 9112 §3.2: "A client MUST send a Host header field in all HTTP/1.1 request messages".
        head.append("Host: ").append(server.getHostString()).append(':').append(server.getPort()).append("\r\n");
        for (HeaderFields.Field f : headers.fields()) {
            head.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        ClientResponse response = readResponse(method.equals("HEAD"));
        if (response.headers().containsToken("Connection", "close")) {
            close();
        }
        return response;
    }

    /** How many TCP connections this client has opened: 1 while keep-alive works. */
    public int connectionsOpened() {
        return connectionsOpened;
    }

    private void connect() throws IOException {
        close();
        Socket s = new Socket();
        int millis = (int) Math.max(1, timeout.toMillis());
        s.connect(server, millis);
        s.setSoTimeout(millis);
        s.setTcpNoDelay(true);
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = new BufferedOutputStream(s.getOutputStream());
        connectionsOpened++;
    }

    private ClientResponse readResponse(boolean toHead) throws IOException {
        while (true) {
            String statusLine = readLine();
            // status-line = HTTP-version SP status-code SP [ reason-phrase ]   (RFC 9112 §4)
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.x status line: " + statusLine);
            }
            int status;
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("bad status code in: " + statusLine);
            }
            String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
            HeaderFields headers = readFields();
            if (status >= 100 && status < 200 && status != 101) {
                continue; // RFC 9110 §15.2: a client MUST be able to parse and skip interim 1xx responses
            }
            byte[] body = readBody(status, headers, toHead);
            boolean http10 = statusLine.startsWith("HTTP/1.0") && !headers.containsToken("Connection", "keep-alive");
            if (http10) {
                headers.add("Connection", "close"); // HTTP/1.0 closes unless it said keep-alive
            }
            return new ClientResponse(status, reason, headers, body);
        }
    }

    /** RFC 9112 §6.3, from the client's side. */
    private byte[] readBody(int status, HeaderFields headers, boolean toHead) throws IOException {
        // 1. HEAD, 1xx, 204 and 304 end at the header section.
        if (toHead || status < 200 || status == 204 || status == 304) {
            return new byte[0];
        }
        // 3./4. chunked as the final transfer coding.
        var codings = headers.elements("Transfer-Encoding", true);
        if (!codings.isEmpty()) {
            if (!codings.get(codings.size() - 1).equals("chunked")) {
                headers.add("Connection", "close");
                return readUntilClose(); // "read until the server closes the connection"
            }
            return readChunked();
        }
        // 5./6. Content-Length.
        var lengths = headers.all("Content-Length");
        if (!lengths.isEmpty()) {
            long n;
            try {
                n = Long.parseLong(lengths.get(0).strip());
            } catch (NumberFormatException e) {
                throw new IOException("invalid Content-Length: " + lengths.get(0));
            }
            if (n < 0 || n > MAX_BODY) {
                throw new IOException("Content-Length out of bounds: " + n);
            }
            byte[] b = in.readNBytes((int) n);
            if (b.length < n) {
                throw new EOFException("connection closed after " + b.length + " of " + n + " content octets");
            }
            return b;
        }
        // 8. Otherwise the content ends with the connection.
        headers.add("Connection", "close");
        return readUntilClose();
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = readLine();
            int semi = line.indexOf(';');
            String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + line);
            }
            if (size == 0) {
                readFields(); // trailer section, discarded
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > MAX_BODY) {
                throw new IOException("chunked content over " + MAX_BODY + " octets");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new EOFException("connection closed inside a chunk");
            }
            body.write(chunk);
            if (!readLine().isEmpty()) {
                throw new IOException("chunk data not followed by CRLF");
            }
        }
    }

    private byte[] readUntilClose() throws IOException {
        byte[] b = in.readNBytes(MAX_BODY + 1);
        if (b.length > MAX_BODY) {
            throw new IOException("content over " + MAX_BODY + " octets");
        }
        return b;
    }

    private HeaderFields readFields() throws IOException {
        HeaderFields fields = new HeaderFields();
        int total = 0;
        while (true) {
            String line = readLine();
            total += line.length() + 2;
            if (total > MAX_HEADER_BYTES) {
                throw new IOException("header section over " + MAX_HEADER_BYTES + " octets");
            }
            if (line.isEmpty()) {
                return fields;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("not a field line: " + line);
            }
            fields.add(line.substring(0, colon), line.substring(colon + 1).strip());
        }
    }

    /** A line without its CRLF (a bare LF is accepted, RFC 9112 §2.2); EOF is an error. */
    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed inside a response");
            }
            if (c == '\n') {
                byte[] a = b.toByteArray();
                int n = a.length > 0 && a[a.length - 1] == '\r' ? a.length - 1 : a.length;
                return new String(a, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (b.size() >= MAX_HEADER_BYTES) {
                throw new IOException("line over " + MAX_HEADER_BYTES + " octets");
            }
            b.write(c);
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            Socket s = socket;
            socket = null;
            s.close();
        }
    }

    @Override
    public String toString() {
        return "Http1Client[" + server + ", " + String.format(Locale.ROOT, "%d connection(s)", connectionsOpened) + "]";
    }
}
