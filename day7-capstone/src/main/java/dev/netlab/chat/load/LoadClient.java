package dev.netlab.chat.load;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated chat user of {@link ChatLoad} on a Netty channel: joins its room once the
 * WebSocket handshake is done, sends when told, and keeps what it saw — message ids (to find
 * losses and duplicates), acknowledgements, and the delivery latency of every message (the
 * send time travels in the text; all clients share one clock, {@link System#nanoTime()}).
 *
 * <p>A connection the server ends during the run (the slow-consumer policy's 1013 "too slow:
 * reconnect and resume" when the server falls behind, or any other end) is resumed as the page
 * does: a new connection, a join with {@code since} = the last id seen in the room (exactly
 * what came after: no gap, no duplicate), then every send not yet acknowledged again under its
 * ref (the server stores a (room, ref) once and acknowledges the stored id again). Each drop is
 * noted, so that a loss can say which client lost what and whether it had been dropped.
 *
 * <p>Every field is touched only by the client's event loop (a resumed connection is registered
 * on the same one), except through {@link #snapshot()}.
 */
@io.netty.channel.ChannelHandler.Sharable // one pipeline at a time: a resumed connection's is the next
final class LoadClient extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code -Dnetlab.chat.trace=FILE}: {@link ChatLoad} writes each timed delivery's receive time (see there). */
    static final boolean TRACE = System.getProperty("netlab.chat.trace") != null;

    final int index;
    final String room;
    final String nick;
    final CompletableFuture<Void> joined = new CompletableFuture<>();
    volatile Channel channel;
    /** Opens a new connection for this client on its event loop (set by {@link ChatLoad}). */
    volatile Runnable reconnect;
    /** Set before the run's own Close: an end from then on is not a drop. */
    volatile boolean finishing;
    private int sent;
    private final Map<String, Long> acks = new HashMap<>();
    /** Sent, not yet acknowledged: ref → the send's JSON, sent again after a resume. */
    private final Map<String, String> pending = new LinkedHashMap<>();
    private boolean joinedOnce;
    /** The highest message id seen in the room: a resume asks for what came after it. */
    private long lastId = -1;
    /** How each connection the server ended went ("1013 too slow: reconnect and resume at 9.1 s"). */
    private final List<String> drops = new ArrayList<>();
    private int attempt;
    private String closeReason = "";
    /** What ended the connection on this side (a TLS or WebSocket decoding error), if anything did. */
    private String failure = "";
    /**
     * An {@link Error} in this client's pipeline (a class-path mismatch, out of memory): not the chat's doing,
     * and Netty may have dropped the frames it was decoding then; {@link ChatLoad} fails such a run.
     */
    volatile Throwable brokenBy;
    /** {@link System#nanoTime()} the run's sending began: the drop notes count from there. */
    volatile long runStart = System.nanoTime();
    // the message ids seen, in arrival order (a room's ids arrive in increasing order, so a
    // duplicate is found by a search only when an id is not above the last): primitive longs,
    // not a Set<Long>, so that 2,000,000 deliveries leave no boxed garbage for the GC to copy
    private long[] seen = new long[256];
    private int seenCount;
    /** The fields of the last server message read (one per client: its event loop only). */
    private final Incoming incoming = new Incoming();
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
            join(ctx.channel());
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            joined.completeExceptionally(new IOException("WebSocket handshake timed out"));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws Exception {
        if (frame instanceof CloseWebSocketFrame close) {
            closeCode = close.statusCode();
            closeReason = close.reasonText();
            return;
        }
        if (!(frame instanceof TextWebSocketFrame text)) {
            return;
        }
        Incoming m = incoming.parse(text.content());
        switch (m.type) {
            case "joined" -> {
                attempt = 0;
                if (joinedOnce) {
                    // whatever was not acknowledged goes again under the same ref: stored at most once
                    pending.values().forEach(json -> ctx.channel().write(new TextWebSocketFrame(json)));
                    ctx.channel().flush();
                }
                joinedOnce = true;
                joined.complete(null);
            }
            case "message" -> {
                long id = m.id;
                lastId = Math.max(lastId, id);
                if (!see(id)) {
                    duplicates++;
                    return;
                }
                long sentAt = m.loadSentAt();
                if (sentAt != Long.MIN_VALUE) {
                    long now = System.nanoTime();
                    if (sentAt - timedFrom < 0) {
                        return; // sent in the warm-up: checked for loss and duplicates, not timed
                    }
                    latency(now - sentAt, now);
                }
            }
            case "ack" -> {
                acks.put(m.ref, m.id);
                pending.remove(m.ref);
            }
            case "error" -> {
                if (joinedOnce && "nick_taken".equals(m.code)) {
                    // resumed before the server let the dropped connection go: join again in a moment
                    Channel c = ctx.channel();
                    c.eventLoop().schedule(() -> join(c), 100, TimeUnit.MILLISECONDS);
                    return;
                }
                errors++;
                lastError = m.code + ": " + m.message;
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
        for (Throwable t = cause; t != null && brokenBy == null; t = t.getCause()) {
            if (t instanceof Error) {
                brokenBy = t; // the instrument is broken (a NoSuchMethodError of mixed Netty releases was one): ChatLoad fails the run
            }
        }
        failure = cause.toString();
        joined.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        joined.completeExceptionally(new IOException("closed before joining"));
        if (joinedOnce && !finishing && ctx.channel() == channel && reconnect != null) {
            drops.add(String.format("%s%s at %.1f s", closeCode == 0 ? "ended without a Close" : "Close " + closeCode + " '" + closeReason + "'",
                    failure.isEmpty() ? "" : " after this client's error " + failure, (System.nanoTime() - runStart) / 1e9));
            closeCode = 0;
            closeReason = "";
            failure = "";
            // back off as the page does (0.2 s, 0.4 s, ... 3.2 s), then resume from the last id
            long delay = 200L << Math.min(attempt++, 4);
            ctx.channel().eventLoop().schedule(reconnect, delay, TimeUnit.MILLISECONDS);
        }
        super.channelInactive(ctx);
    }

    private void join(Channel c) {
        ObjectNode join = JSON.createObjectNode().put("type", "join").put("room", room).put("nick", nick);
        if (lastId >= 0) {
            join.put("since", lastId); // resume: exactly what came after
        }
        c.writeAndFlush(new TextWebSocketFrame(join.toString()));
    }

    /** Sends message {@code seq} (on the event loop): its text carries the send time. */
    void send() {
        int seq = sent++;
        String ref = nick + "-" + seq;
        ObjectNode send = JSON.createObjectNode().put("type", "send").put("room", room)
                .put("text", "load " + index + " " + System.nanoTime()).put("ref", ref);
        pending.put(ref, send.toString());
        if (channel.isActive()) {
            channel.writeAndFlush(new TextWebSocketFrame(send.toString()));
        } // else: sent when the resumed connection has joined
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
                    Arrays.copyOf(receivedAt, TRACE ? latencyCount : 0), List.copyOf(drops), pending.size());
        }).get();
    }

    /**
     * @param seen the ids seen, sorted ascending (for {@link Arrays#binarySearch(long[], long)})
     * @param receivedAt when each of {@code latencies} was received ({@link System#nanoTime()}), when tracing; else empty
     * @param drops how each connection the server ended during the run went (each one resumed)
     * @param unacknowledged sends not acknowledged yet
     */
    record Snapshot(int sent, Map<String, Long> acks, long[] seen, int duplicates, int errors, String lastError,
                    long[] latencies, long[] receivedAt, List<String> drops, int unacknowledged) {}

    /**
     * The few fields the load client reads from a server message, taken with Jackson's streaming
     * parser straight from the frame's octets: 33,000 deliveries a second at 10,000 clients, and
     * the instrument shares the cores with the server it measures, so no String of the whole
     * frame and no tree per delivery. Fields are read in any order; unknown ones are skipped.
     */
    static final class Incoming {
        String type = "";
        long id;
        String text = "";
        String ref = "";
        String code = "";
        String message = "";

        Incoming parse(io.netty.buffer.ByteBuf content) throws IOException {
            type = "";
            id = 0;
            text = "";
            ref = "";
            code = "";
            message = "";
            byte[] bytes;
            int off;
            int len = content.readableBytes();
            if (content.hasArray()) {
                bytes = content.array();
                off = content.arrayOffset() + content.readerIndex();
            } else {
                bytes = io.netty.buffer.ByteBufUtil.getBytes(content, content.readerIndex(), len, false);
                off = 0;
            }
            try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(bytes, off, len)) {
                if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                    throw new IOException("not a JSON object");
                }
                while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    com.fasterxml.jackson.core.JsonToken value = p.nextToken();
                    switch (name) {
                        case "type" -> type = p.getValueAsString("");
                        case "id" -> id = p.getValueAsLong(0);
                        case "text" -> text = p.getValueAsString("");
                        case "ref" -> ref = p.getValueAsString("");
                        case "code" -> code = p.getValueAsString("");
                        case "message" -> message = p.getValueAsString("");
                        default -> {
                            if (value.isStructStart()) {
                                p.skipChildren();
                            }
                        }
                    }
                }
            }
            return this;
        }

        /** The send time a load client's text carries ("load INDEX NANOS"), or {@link Long#MIN_VALUE} if this is no such text. */
        long loadSentAt() {
            if (!text.startsWith("load ")) {
                return Long.MIN_VALUE;
            }
            int space = text.indexOf(' ', 5);
            if (space < 0) {
                return Long.MIN_VALUE;
            }
            try {
                return Long.parseLong(text, space + 1, text.length(), 10);
            } catch (NumberFormatException e) {
                return Long.MIN_VALUE;
            }
        }
    }
}
