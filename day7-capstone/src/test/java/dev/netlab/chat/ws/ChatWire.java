package dev.netlab.chat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.server.ChatServer;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.websocket.programs.AbusePlan;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * What the chat's raw-socket tests share: a member over TLS and an HTTP/1.1 upgrade written by
 * hand, a masked client frame, a response head, a Close frame, the end of a connection, the
 * connection count, a counter of /metrics. Public for the tests of other packages
 * ({@code web.GracefulShutdownTest}).
 */
public final class ChatWire {
    private ChatWire() {}

    /**
     * A TLS socket to the chat on loopback, ALPN {@code http/1.1}, handshaken; its receive buffer is
     * {@code receiveBuffer} octets (set before connect: the window it announces). Nothing sent yet.
     */
    public static SSLSocket openHttp1(int port, int receiveBuffer) throws IOException {
        Socket tcp = new Socket();
        tcp.setReceiveBufferSize(receiveBuffer); // before connect: the window it announces
        tcp.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        SSLSocket s = (SSLSocket) DevCertificates.standard().clientContext().getSocketFactory()
                .createSocket(tcp, "localhost", port, true);
        SSLParameters p = s.getSSLParameters();
        p.setApplicationProtocols(new String[] {"http/1.1"});
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    /**
     * A TLS socket to the chat, ALPN {@code h2}, handshaken; asserts the server chose h2 (RFC 9113
     * §3.2). Nothing sent yet, not even the connection preface.
     */
    public static SSLSocket openH2(int port) throws IOException {
        SSLSocket s = (SSLSocket) DevCertificates.standard().clientContext().getSocketFactory().createSocket("localhost", port);
        SSLParameters p = s.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2"});
        s.setSSLParameters(p);
        s.startHandshake();
        assertThat(s.getApplicationProtocol()).isEqualTo("h2");
        return s;
    }

    /**
     * A member over {@link #openHttp1}: the upgrade and its join of lobby as {@code nick} are sent,
     * nothing is read (not even the 101).
     */
    public static SSLSocket http1Member(int port, String nick, int receiveBuffer) throws IOException {
        SSLSocket s = openHttp1(port, receiveBuffer);
        OutputStream out = s.getOutputStream();
        out.write(upgrade());
        out.write(clientFrame(0x1, "{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"" + nick + "\"}"));
        out.flush();
        return s;
    }

    /** The opening handshake's request for /chat (RFC 6455 §4.1), the sample key of §1.3. */
    public static byte[] upgrade() {
        return ("GET /chat HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A final, masked client frame (RFC 6455 §5.2, §5.3) of {@code opcode} carrying {@code payload} as UTF-8. */
    public static byte[] clientFrame(int opcode, String payload) {
        return AbusePlan.clientFrame(true, 0, opcode, payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads server frames (never masked: RFC 6455 §5.1) until a Close; that Close's payload (its
     * code, then its reason, RFC 6455 §5.5.1). What came before it is skipped.
     */
    public static byte[] closePayload(DataInputStream frames) throws IOException {
        while (true) {
            int b0 = frames.readUnsignedByte();
            int b1 = frames.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = frames.readUnsignedShort();
            } else if (len == 127) {
                len = frames.readLong();
            }
            byte[] payload = frames.readNBytes((int) len);
            if ((b0 & 0x0f) == 0x8) {
                return payload;
            }
        }
    }

    /** The response head, up to and including the empty line (CR LF CR LF), as ISO-8859-1. */
    public static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection ended in the response head");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1
                    : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Waits up to {@code seconds} for the chat to count {@code n} connections, then asserts it does. */
    public static void awaitConnections(ChatServer server, int n, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (server.chat().connections() != n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.chat().connections()).as("chat connections").isEqualTo(n);
    }

    /** The value of counter {@code name} in the server's /metrics. */
    public static long counter(ChatServer server, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)$").matcher(server.metrics().render());
        assertThat(m.find()).as(name + " in /metrics").isTrue();
        return Long.parseLong(m.group(1));
    }

    /**
     * True once the server has ended the connection {@code in} reads from (end of stream, a reset, a
     * TLS error); false if it was still open when a read timed out (the socket's SO_TIMEOUT, which the
     * caller sets). What the server sends before the end is skipped.
     */
    public static boolean awaitEnd(InputStream in) {
        byte[] sink = new byte[64 * 1024];
        try {
            while (in.read(sink) >= 0) {
                // what the server sent before the end: skipped
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
