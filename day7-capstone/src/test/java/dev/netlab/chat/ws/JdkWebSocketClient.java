package dev.netlab.chat.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.kit.tls.DevCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A JDK WebSocket whose text messages land in a queue. */
public final class JdkWebSocketClient implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    public WebSocket ws;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            texts.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    public static JdkWebSocketClient open(String url, String origin) throws Exception {
        JdkWebSocketClient c = new JdkWebSocketClient();
        HttpClient http = HttpClient.newBuilder().sslContext(DevCertificates.standard().clientContext()).build();
        c.ws = http.newWebSocketBuilder().header("Origin", origin).connectTimeout(Duration.ofSeconds(20))
                .buildAsync(URI.create(url), c).get(30, TimeUnit.SECONDS);
        return c;
    }

    public void send(String json) throws Exception {
        ws.sendText(json, true).get(10, TimeUnit.SECONDS);
    }

    public JsonNode await(Predicate<JsonNode> what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String t = texts.poll(200, TimeUnit.MILLISECONDS);
            if (t != null && what.test(JSON.readTree(t))) {
                return JSON.readTree(t);
            }
        }
        throw new AssertionError("no such message within 20 s");
    }
}
