package dev.netlab.chat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.server.ChatServer;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the raw-socket tests of the chat's WebSocket transport share: the 101's head, the connection count, a counter of /metrics. */
final class ChatWire {
    private ChatWire() {}

    /** The response head, up to and including the empty line (CR LF CR LF), as ISO-8859-1. */
    static String readHead(InputStream in) throws IOException {
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
    static void awaitConnections(ChatServer server, int n, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (server.chat().connections() != n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.chat().connections()).as("chat connections").isEqualTo(n);
    }

    /** The value of counter {@code name} in the server's /metrics. */
    static long counter(ChatServer server, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)$").matcher(server.metrics().render());
        assertThat(m.find()).as(name + " in /metrics").isTrue();
        return Long.parseLong(m.group(1));
    }
}
