package dev.netlab.chat.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.chat.ws.JdkWebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A chat client (the JDK's WebSocket over TLS) that sorts everything it receives: the chat
 * messages in arrival order, acks and errors by ref, the last member list.
 */
final class Member implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String nick;
    final JdkWebSocketClient ws;
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    final Map<String, Long> acks = new ConcurrentHashMap<>();
    final Map<String, String> errors = new ConcurrentHashMap<>();
    final List<JsonNode> presence = new CopyOnWriteArrayList<>();
    volatile List<String> members = List.of();
    volatile boolean joined;
    private final Thread sorter;

    private Member(String nick, JdkWebSocketClient ws) {
        this.nick = nick;
        this.ws = ws;
        this.sorter = Thread.ofPlatform().daemon().name("member-" + nick).start(this::sort);
    }

    /** Connects to the chat at {@code url} ({@code https://127.0.0.1:PORT/}) and joins {@code room} (since: null for none). */
    static Member join(String url, String room, String nick, Long since) throws Exception {
        Member m = ask(url, room, nick, since);
        if (!m.joined) {
            throw new AssertionError(nick + " did not join " + room + " at " + url + " (errors: " + m.errors + ")");
        }
        return m;
    }

    /**
     * Connects and asks to join, returning once the chat answered: {@link #joined}, or the join's
     * error code in {@link #errors} under "-".
     */
    static Member attempt(String url, String room, String nick) throws Exception {
        return ask(url, room, nick, null);
    }

    private static Member ask(String url, String room, String nick, Long since) throws Exception {
        JdkWebSocketClient c = JdkWebSocketClient.open(url.replace("https://", "wss://") + "chat", url.substring(0, url.length() - 1));
        Member m = new Member(nick, c);
        c.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"nick\":\"" + nick + "\"" + (since == null ? "" : ",\"since\":" + since) + "}");
        if (!await(() -> m.joined || m.errors.containsKey("-"), Duration.ofSeconds(30))) {
            throw new AssertionError(nick + " heard nothing back from its join of " + room + " at " + url);
        }
        return m;
    }

    private void sort() {
        try {
            while (true) {
                String t = ws.texts.poll(100, TimeUnit.MILLISECONDS);
                if (t == null) {
                    if (ws.closed.isDone()) {
                        return;
                    }
                    continue;
                }
                JsonNode n = JSON.readTree(t);
                switch (n.path("type").asText()) {
                    case "message" -> messages.add(n);
                    case "ack" -> acks.put(n.path("ref").asText(), n.path("id").asLong());
                    case "error" -> errors.put(n.path("ref").asText("-"), n.path("code").asText());
                    case "joined" -> {
                        members = names(n);
                        joined = true;
                    }
                    case "presence" -> {
                        presence.add(n);
                        members = names(n);
                    }
                    default -> { }
                }
            }
        } catch (Exception e) {
            // the test is over
        }
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.path("members").forEach(x -> out.add(x.asText()));
        return out;
    }

    void send(String room, String text, String ref) throws Exception {
        errors.remove(ref);
        ws.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"text\":\"" + text + "\",\"ref\":\"" + ref + "\"}");
    }

    /** The ids of the chat messages received, in arrival order. */
    List<Long> ids() {
        return messages.stream().map(n -> n.path("id").asLong()).toList();
    }

    List<String> texts() {
        return messages.stream().map(n -> n.path("text").asText()).toList();
    }

    long lastId() {
        List<Long> ids = ids();
        return ids.isEmpty() ? 0 : ids.getLast();
    }

    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        ws.ws.abort();
        sorter.interrupt();
    }
}
