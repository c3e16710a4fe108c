package dev.netlab.chat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.server.ChatServer;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the chat's raw-socket tests share: a response head, the end of a connection, the connection
 * count, a counter of /metrics. Public for the tests of other packages ({@code web.GracefulShutdownTest}).
 */
public final class ChatWire {
    private ChatWire() {}

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
