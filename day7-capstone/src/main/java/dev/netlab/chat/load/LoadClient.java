package dev.netlab.chat.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated chat user of {@link ChatLoad} on a Netty channel: joins its room once the
 * WebSocket handshake is done, sends when told, and keeps what it saw — message ids (to find
 * losses and duplicates), acknowledgements, and the delivery latency of every message (the
 * send time travels in the text; all clients share one clock, {@link System#nanoTime()}).
 * Every field is touched only by the channel's event loop, except through {@link #snapshot()}
 * once the run is over.
 */
final class LoadClient extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code -Dnetlab.chat.trace=FILE}: {@link ChatLoad} writes each timed delivery's receive time (see there). */
    static final boolean TRACE = System.getProperty("netlab.chat.trace") != null;

    final int index;
    final String room;
    final String nick;
    final CompletableFuture<Void> joined = new CompletableFuture<>();
    volatile Channel channel;
    private int sent;
    private final Map<String, Long> acks = new HashMap<>();
    // the message ids seen, in arrival order (a room's ids arrive in increasing order, so a
    // duplicate is found by a search only when an id is not above the last): primitive longs,
    // not a Set<Long>, so that 2,000,000 deliveries leave no boxed garbage for the GC to copy
    private long[] seen = new long[256];
    private int seenCount;
    private boolean seenSorted = true;
    private int duplicates;
    private int errors;
    private String lastError = "";
    private long[] latencies = new long[256];
    private long[] receivedAt = new long[TRACE ? 256 : 0]; // beside latencies, when tracing
    private int latencyCount;
    volatile int closeCode;
    /** Messages sent before this {@link System#nanoTime()} are the warm-up's: not timed. */
    volatile long timedFrom = System.nanoTime();

    LoadClient(int index, String room) {
        this.index = index;
        this.room = room;
        this.nick = "u" + index;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ObjectNode join = JSON.createObjectNode().put("type", "join").put("room", room).put("nick", nick);
            ctx.writeAndFlush(new TextWebSocketFrame(join.toString()));
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            joined.completeExceptionally(new IOException("WebSocket handshake timed out"));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws Exception {
        if (frame instanceof CloseWebSocketFrame close) {
            closeCode = close.statusCode();
            return;
        }
        if (!(frame instanceof TextWebSocketFrame text)) {
            return;
        }
        JsonNode m = JSON.readTree(text.text());
        switch (m.path("type").asText()) {
            case "joined" -> joined.complete(null);
            case "message" -> {
                long id = m.path("id").asLong();
                if (!see(id)) {
                    duplicates++;
                    return;
                }
                String body = m.path("text").asText();
                if (body.startsWith("load ")) {
                    String[] parts = body.split(" ");
                    long now = System.nanoTime();
                    long sentAt = Long.parseLong(parts[2]);
                    if (sentAt - timedFrom < 0) {
                        return; // sent in the warm-up: checked for loss and duplicates, not timed
                    }
                    latency(now - sentAt, now);
                }
            }
            case "ack" -> acks.put(m.path("ref").asText(), m.path("id").asLong());
            case "error" -> {
                errors++;
                lastError = m.path("code").asText() + ": " + m.path("message").asText();
                if (!joined.isDone()) {
                    joined.completeExceptionally(new IOException(lastError));
                }
            }
            default -> {
                // presence, left, rooms: not measured
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        joined.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        joined.completeExceptionally(new IOException("closed before joining"));
        super.channelInactive(ctx);
    }

    /** Sends message {@code seq} (on the event loop): its text carries the send time. */
    void send() {
        int seq = sent++;
        ObjectNode send = JSON.createObjectNode().put("type", "send").put("room", room)
                .put("text", "load " + index + " " + System.nanoTime()).put("ref", nick + "-" + seq);
        channel.writeAndFlush(new TextWebSocketFrame(send.toString()));
    }

    /** Records {@code id}; false if it was seen before. */
    private boolean see(long id) {
        if (seenCount > 0 && id <= seen[seenCount - 1]) {
            for (int i = 0; i < seenCount; i++) { // out of order: rare, and a scan is fine then
                if (seen[i] == id) {
                    return false;
                }
            }
            seenSorted = false;
        }
        if (seenCount == seen.length) {
            seen = Arrays.copyOf(seen, seen.length * 2);
        }
        seen[seenCount++] = id;
        return true;
    }

    private void latency(long nanos, long now) {
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, latencies.length * 2);
            if (TRACE) {
                receivedAt = Arrays.copyOf(receivedAt, latencies.length);
            }
        }
        if (TRACE) {
            receivedAt[latencyCount] = now;
        }
        latencies[latencyCount++] = nanos;
    }

    /** What this client saw, copied on its event loop. */
    Snapshot snapshot() throws Exception {
        return channel.eventLoop().submit(() -> {
            long[] ids = Arrays.copyOf(seen, seenCount);
            if (!seenSorted) {
                Arrays.sort(ids);
            }
            return new Snapshot(sent, Map.copyOf(acks), ids, duplicates, errors, lastError, Arrays.copyOf(latencies, latencyCount),
                    Arrays.copyOf(receivedAt, TRACE ? latencyCount : 0));
        }).get();
    }

    /**
     * @param seen the ids seen, sorted ascending (for {@link Arrays#binarySearch(long[], long)})
     * @param receivedAt when each of {@code latencies} was received ({@link System#nanoTime()}), when tracing; else empty
     */
    record Snapshot(int sent, Map<String, Long> acks, long[] seen, int duplicates, int errors, String lastError,
                    long[] latencies, long[] receivedAt) {}
}
