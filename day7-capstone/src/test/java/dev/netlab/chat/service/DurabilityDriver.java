package dev.netlab.chat.service;

import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.history.HistoryStore;
import dev.netlab.chat.metrics.ChatMetrics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A child process for {@link DurabilityTest}: the chat service on a database file, one client
 * that joins a room and sends messages as fast as they are acknowledged, and every ack printed
 * as {@code ACK <ref> <id>} the moment the session hands it to the transport. The test kills it
 * with SIGKILL and checks that every printed ack is in the file.
 * Arguments: the database file, a tag for the refs, how many messages (0: until killed).
 */
public final class DurabilityDriver {
    private DurabilityDriver() {}

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (dev.netlab.kit.StubException e) {
            System.out.println(e.getMessage()); // one line for the checkpoint's report, no stack trace
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        String tag = args[1];
        long count = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
        ChatService chat = ChatService.start(ChatLimits.defaults().withRate(1e9, 1_000_000), HistoryStore.open(db),
                Clock.systemUTC(), new ChatMetrics());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> chat.shutdown(Duration.ofSeconds(2))));
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(16);
        ChatLink link = new ChatLink() {
            @Override
            public void send(String text) {
                if (text.startsWith("{\"type\":\"ack\"")) {
                    // {"type":"ack","ref":"...","id":N,"ts":...}
                    String ref = text.replaceAll(".*\"ref\":\"([^\"]+)\".*", "$1");
                    String id = text.replaceAll(".*\"id\":(\\d+).*", "$1");
                    out.println("ACK " + ref + " " + id);
                    window.release();
                } else if (text.startsWith("{\"type\":\"joined\"")) {
                    out.println("JOINED");
                }
            }

            @Override
            public void close(int code, String reason) {
                out.println("CLOSED " + code);
            }

            @Override
            public void abort() {
                out.println("ABORTED");
            }

            @Override
            public String peer() {
                return "driver";
            }
        };
        ChatSession session = chat.open(link);
        session.onText("{\"type\":\"join\",\"room\":\"durable\",\"nick\":\"" + tag + "\"}");
        for (long i = 0; count == 0 || i < count; i++) {
            window.acquire();
            session.onText("{\"type\":\"send\",\"room\":\"durable\",\"text\":\"" + tag + " " + i + "\",\"ref\":\"" + tag + "-" + i + "\"}");
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
