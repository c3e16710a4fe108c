package dev.netlab.websocket;

import dev.netlab.kit.transcript.RecordingSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket client over a recording socket, for tests: it writes exactly the octets it is
 * told to (including broken ones), reads server frames, and tells a TCP close from silence.
 * Its transcript is attached to the running checkpoint, so a failure shows the octets.
 */
public final class RawClient implements AutoCloseable {
    public static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private final RecordingSocket socket;
    private final InputStream in;
    private String responseHead;

    private RawClient(RecordingSocket socket) throws IOException {
        this.socket = socket;
        this.in = socket.in();
    }

    public static RawClient connect(int port) throws IOException {
        return new RawClient(RecordingSocket.connect("ws-client", new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(5)));
    }

    /** Connects and upgrades {@code path}; {@code extra} are more field lines ("Name: value"). Fails unless 101. */
    public static RawClient open(int port, String path, String... extra) throws IOException {
        RawClient c = connect(port);
        String head = c.handshake(path, extra);
        if (!head.startsWith("HTTP/1.1 101")) {
            c.close();
            throw new AssertionError("expected 101 Switching Protocols, got:\n" + head);
        }
        return c;
    }

    /** Sends a standard upgrade request plus {@code extra} fields; returns the response head (and a refusal's body). */
    public String handshake(String path, String... extra) throws IOException {
        StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n");
        for (String e : extra) {
            req.append(e).append("\r\n");
        }
        return request(req.append("\r\n").toString());
    }

    /** Sends a raw HTTP request; returns the response head (for a refusal: head and body). */
    public String request(String raw) throws IOException {
        send(raw.getBytes(StandardCharsets.ISO_8859_1));
        socket.socket().setSoTimeout(10_000);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        responseHead = head.toString(StandardCharsets.ISO_8859_1);
        if (!responseHead.startsWith("HTTP/1.1 101")) {
            responseHead += new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        }
        return responseHead;
    }

    public String responseHead() {
        return responseHead;
    }

    public void send(byte[] octets) throws IOException {
        socket.out().write(octets);
        socket.out().flush();
    }

    /** Sends in pieces of {@code chop} octets, flushing each (TCP_NODELAY: separate segments). */
    public void sendChopped(byte[] octets, int chop) throws IOException {
        socket.socket().setTcpNoDelay(true);
        for (int i = 0; i < octets.length; i += chop) {
            socket.out().write(octets, i, Math.min(chop, octets.length - i));
            socket.out().flush();
        }
    }

    /** The next frame within {@code timeout}; null if the server closed TCP; throws on timeout. */
    public Frames.Frame read(Duration timeout) throws IOException {
        socket.socket().setSoTimeout((int) timeout.toMillis());
        return Frames.read(in);
    }

    /** The next frame or null if none arrives within {@code timeout} (the connection stays usable only if null came from silence). */
    public Frames.Frame poll(Duration timeout) throws IOException {
        try {
            return read(timeout);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** Every frame until the server closes TCP (or {@code timeout} passes: then the list ends with null). */
    public List<Frames.Frame> readUntilClosed(Duration timeout) throws IOException {
        List<Frames.Frame> frames = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                frames.add(null);
                return frames;
            }
            try {
                Frames.Frame f = read(Duration.ofMillis(left));
                if (f == null) {
                    return frames; // TCP closed by the server
                }
                frames.add(f);
            } catch (SocketTimeoutException e) {
                frames.add(null);
                return frames;
            } catch (IOException e) {
                return frames; // reset: closed too
            }
        }
    }

    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    public RecordingSocket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
