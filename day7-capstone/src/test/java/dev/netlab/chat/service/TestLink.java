package dev.netlab.chat.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.chat.room.Outbound;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A transport for tests of the chat without the network: what the session sends lands in a
 * queue; {@link #close} acts as the WebSocket engine would (the connection ends, the session
 * hears {@code onClosed}). Until day 6's engine is part of the capstone, this is how the chat
 * service is driven; the program tests drive the real one.
 */
final class TestLink implements ChatLink {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile int closeCode;
    volatile CountDownLatch gate; // while set and not counted down, send blocks: a peer that does not read
    /** Each frame sent through {@link #send(Outbound, boolean)}, in order, with whether the writer promised another. */
    final List<Map.Entry<String, Boolean>> sends = Collections.synchronizedList(new ArrayList<>());
    ChatSession session;

    TestLink(String name) {
        this.name = name;
    }

    @Override
    public void send(String text) throws IOException {
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                throw new IOException("interrupted", e);
            }
        }
        frames.add(text);
    }

    @Override
    public void send(Outbound frame, boolean more) throws IOException {
        sends.add(Map.entry(frame.frame(), more)); // before the frame: once a frame is seen, its flag is there
        send(frame.frame());
    }

    @Override
    public synchronized void close(int code, String reason) {
        if (closed.getCount() == 0) {
            return;
        }
        closeCode = code;
        closed.countDown();
        if (session != null) {
            session.onClosed();
        }
    }

    /** The slow-consumer policy aborted the connection (a send blocked on a platform thread); the interrupt ends the gate's wait. */
    volatile boolean aborted;

    @Override
    public void abort() {
        aborted = true;
    }

    @Override
    public String peer() {
        return name;
    }

    /** The next frame the server sent, parsed; fails after {@code timeout}. */
    JsonNode next(Duration timeout) throws Exception {
        String f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (f == null) {
            throw new AssertionError(name + ": no frame from the server within " + timeout);
        }
        return JSON.readTree(f);
    }

    /** Skips frames until one matches; fails after {@code timeout} in all. */
    JsonNode await(Predicate<JsonNode> what, String description, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String f = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (f == null) {
                throw new AssertionError(name + ": no " + description + " within " + timeout);
            }
            JsonNode n = JSON.readTree(f);
            if (what.test(n)) {
                return n;
            }
        }
    }

    JsonNode awaitType(String type) throws Exception {
        return await(n -> n.path("type").asText().equals(type), "\"" + type + "\" message", Duration.ofSeconds(20));
    }
}
