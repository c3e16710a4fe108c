package dev.netlab.chat.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The chat's counters, served at {@code /metrics} in the Prometheus text exposition format
 * (version 0.0.4: {@code # HELP} and {@code # TYPE} lines, then {@code name{labels} value};
 * counters end in {@code _total}, durations are in seconds).
 */
public final class ChatMetrics {
    /** The media type of {@link #render()}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final AtomicLong connectionsOpen = new AtomicLong();
    private final LongAdder connectionsTotal = new LongAdder();
    private final LongAdder connectionsRefused = new LongAdder();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder messagesStored = new LongAdder();
    private final LongAdder messagesDelivered = new LongAdder();
    private final LongAdder framesSent = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder octetsReceived = new LongAdder();
    private final LongAdder octetsSent = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder slowConsumers = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder writerHandOffs = new LongAdder();
    private final LatencyHistogram delivery = new LatencyHistogram();
    private final LatencyHistogram commit = new LatencyHistogram();
    private final LatencyHistogram fanOut = new LatencyHistogram();

    public void connectionOpened() {
        connectionsOpen.incrementAndGet();
        connectionsTotal.increment();
    }

    public void connectionClosed() {
        connectionsOpen.decrementAndGet();
    }

    public void connectionRefused() {
        connectionsRefused.increment();
    }

    /** A text message arrived from a client: {@code octets} of UTF-8 payload. */
    public void received(long octets) {
        octetsReceived.add(octets);
    }

    /** A chat message (a {@code send}) was accepted for storing. */
    public void messageReceived() {
        messagesReceived.increment();
    }

    public void committed(int messages, long nanos) {
        messagesStored.add(messages);
        commits.increment();
        commit.record(nanos);
    }

    /**
     * A stored message is handed to its room's members ({@code delayNanos} after it was read): the
     * part of {@link #deliveryLatency()} spent before any member's writer has it — the sequencer's
     * queue and the commit, which every member of the room waits for alike.
     */
    public void fannedOut(long delayNanos) {
        fanOut.record(delayNanos);
    }

    /** A frame went out: {@code octets} of UTF-8 payload; {@code latencyNanos} > 0 for a live chat message. */
    public void sent(long octets, long latencyNanos) {
        framesSent.increment();
        octetsSent.add(octets);
        if (latencyNanos > 0) {
            messagesDelivered.increment();
            delivery.record(latencyNanos);
        }
    }

    /** A writer's run of frames left in one write (frames sent / writes: how much a backlog was coalesced). */
    public void wrote() {
        writes.increment();
    }

    /** Frames sent so far. */
    public long framesSent() {
        return framesSent.sum();
    }

    /** Writes so far (a run of frames is one). */
    public long writes() {
        return writes.sum();
    }

    /** A writer lane went on on a new thread: its writer had been blocked in one send too long (WriterPool). */
    public void writerHandedOff() {
        writerHandOffs.increment();
    }

    public long writerHandOffs() {
        return writerHandOffs.sum();
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    public void slowConsumer() {
        slowConsumers.increment();
    }

    public void error() {
        errors.increment();
    }

    public long connectionsOpen() {
        return connectionsOpen.get();
    }

    public long messagesStored() {
        return messagesStored.sum();
    }

    public long messagesDelivered() {
        return messagesDelivered.sum();
    }

    public LatencyHistogram deliveryLatency() {
        return delivery;
    }

    /** How long the history store's commits took (one per group of sends). */
    public LatencyHistogram commitLatency() {
        return commit;
    }

    /** From reading a chat message to handing it to its room (see {@link #fannedOut}). */
    public LatencyHistogram fanOutDelay() {
        return fanOut;
    }

    /** Everything, in the Prometheus text format. */
    public String render() {
        StringBuilder out = new StringBuilder(4096);
        gauge(out, "chat_connections", "chat connections open now", connectionsOpen.get());
        counter(out, "chat_connections_total", "chat connections opened", connectionsTotal.sum());
        counter(out, "chat_connections_refused_total", "chat connections refused at the connection cap", connectionsRefused.sum());
        counter(out, "chat_messages_received_total", "chat messages accepted from clients", messagesReceived.sum());
        counter(out, "chat_messages_stored_total", "chat messages stored durably", messagesStored.sum());
        counter(out, "chat_messages_delivered_total", "live chat messages written to a member's connection", messagesDelivered.sum());
        counter(out, "chat_frames_sent_total", "frames of any kind written to connections", framesSent.sum());
        counter(out, "chat_writes_total", "writes to connections: a run of frames queued for one member is one", writes.sum());
        counter(out, "chat_received_octets_total", "octets of text messages received", octetsReceived.sum());
        counter(out, "chat_sent_octets_total", "octets of text messages sent", octetsSent.sum());
        counter(out, "chat_rate_limited_total", "messages refused by a token bucket", rateLimited.sum());
        counter(out, "chat_slow_consumers_total", "connections dropped because their outbox overflowed", slowConsumers.sum());
        counter(out, "chat_errors_total", "error replies sent", errors.sum());
        counter(out, "chat_commits_total", "history transactions committed", commits.sum());
        counter(out, "chat_writer_handoffs_total", "writer lanes moved to a new thread because a send blocked too long", writerHandOffs.sum());
        histogram(out, "chat_delivery_latency_seconds", "from reading a chat message to writing it to a member", delivery);
        histogram(out, "chat_commit_seconds", "one history transaction, fsync included", commit);
        histogram(out, "chat_fanout_delay_seconds", "from reading a chat message to handing it to its room (queue and commit)", fanOut);
        return out.toString();
    }

    private static void head(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        head(out, name, help, "gauge");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        head(out, name, help, "counter");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void histogram(StringBuilder out, String name, String help, LatencyHistogram h) {
        head(out, name, help, "histogram");
        h.writeTo(out, name);
    }
}
