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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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

    final int index;
    final String room;
    final String nick;
    final CompletableFuture<Void> joined = new CompletableFuture<>();
    volatile Channel channel;
    private int sent;
    private final Map<String, Long> acks = new HashMap<>();
    private final Set<Long> seen = new HashSet<>();
    private int duplicates;
    private int errors;
    private String lastError = "";
    private long[] latencies = new long[64];
    private int latencyCount;
    volatile int closeCode;

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
                if (!seen.add(id)) {
                    duplicates++;
                    return;
                }
                String body = m.path("text").asText();
                if (body.startsWith("load ")) {
                    String[] parts = body.split(" ");
                    latency(System.nanoTime() - Long.parseLong(parts[2]));
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

    private void latency(long nanos) {
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[latencyCount++] = nanos;
    }

    /** What this client saw, copied on its event loop. */
    Snapshot snapshot() throws Exception {
        return channel.eventLoop().submit(() -> new Snapshot(sent, Map.copyOf(acks), Set.copyOf(seen), duplicates, errors,
                lastError, Arrays.copyOf(latencies, latencyCount))).get();
    }

    record Snapshot(int sent, Map<String, Long> acks, Set<Long> seen, int duplicates, int errors, String lastError,
                    long[] latencies) {}
}
