package dev.netlab.kit.transcript;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The bytes one client connection exchanged, each way, with timestamps: what a failing
 * checkpoint prints (escaped, with a caret under the first offending byte) and what
 * {@link dev.netlab.kit.pcap.FlowSynthesizer} turns into a pcap file. Thread-safe.
 */
public final class Transcript {
    /** TCP (a byte stream each way) or UDP (one chunk = one datagram). */
    public enum Transport { TCP, UDP }

    /** Which way the bytes went. */
    public enum Direction {
        CLIENT_TO_SERVER("→", "client → server"),
        SERVER_TO_CLIENT("←", "server → client");

        private final String arrow;
        private final String label;

        Direction(String arrow, String label) {
            this.arrow = arrow;
            this.label = label;
        }

        public String arrow() {
            return arrow;
        }

        public String label() {
            return label;
        }
    }

    /** Bytes seen at one moment in one direction (for UDP: one datagram). */
    public record Chunk(Direction direction, Instant time, byte[] bytes) {
        public Chunk {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }
    }

    /** A known offending byte: the {@code offset}-th byte sent in {@code direction}. */
    public record Offense(Direction direction, long offset, String why) {}

    private final String name;
    private final Transport transport;
    private final InetSocketAddress client;
    private final InetSocketAddress server;
    private final List<Chunk> chunks = new ArrayList<>();
    private final boolean[] closed = new boolean[2];
    private final Instant[] closedAt = new Instant[2];
    private Offense offense;
    private String reproduce;

    public Transcript(String name, Transport transport, InetSocketAddress client, InetSocketAddress server) {
        this.name = name;
        this.transport = transport;
        this.client = client;
        this.server = server;
    }

    public String name() {
        return name;
    }

    public Transport transport() {
        return transport;
    }

    public InetSocketAddress client() {
        return client;
    }

    public InetSocketAddress server() {
        return server;
    }

    /** Records {@code len} bytes of {@code b} from {@code off}, timestamped now. */
    public synchronized void record(Direction direction, byte[] b, int off, int len) {
        record(direction, Instant.now(), b, off, len);
    }

    /** Records {@code len} bytes of {@code b} from {@code off}, seen at {@code time} (replays, tests). */
    public synchronized void record(Direction direction, Instant time, byte[] b, int off, int len) {
        // A TCP read of 0 bytes carries nothing; an empty UDP datagram is a datagram (RFC 768:
        // length 8, header only) and a protocol may answer it, so it is kept as an empty chunk.
        if (len < 0 || len == 0 && transport == Transport.TCP) {
            return;
        }
        chunks.add(new Chunk(direction, time, Arrays.copyOfRange(b, off, off + len)));
    }

    /** Records that the sending side of {@code direction} closed (a FIN on the wire). */
    public synchronized void closed(Direction direction) {
        closed(direction, Instant.now());
    }

    /** As {@link #closed(Direction)}, at {@code time}; only the first close of a direction counts. */
    public synchronized void closed(Direction direction, Instant time) {
        if (!closed[direction.ordinal()]) {
            closed[direction.ordinal()] = true;
            closedAt[direction.ordinal()] = time;
        }
    }

    /** When {@link #closed(Direction)} was first called for {@code direction}; empty while open. */
    public synchronized Optional<Instant> closedAt(Direction direction) {
        return Optional.ofNullable(closedAt[direction.ordinal()]);
    }

    public synchronized boolean isClosed(Direction direction) {
        return closed[direction.ordinal()];
    }

    public synchronized List<Chunk> chunks() {
        return List.copyOf(chunks);
    }

    /** All bytes sent in one direction, concatenated. */
    public synchronized byte[] bytes(Direction direction) {
        int n = 0;
        for (Chunk c : chunks) {
            if (c.direction() == direction) {
                n += c.length();
            }
        }
        byte[] all = new byte[n];
        int at = 0;
        for (Chunk c : chunks) {
            if (c.direction() == direction) {
                byte[] b = c.bytes();
                System.arraycopy(b, 0, all, at, b.length);
                at += b.length;
            }
        }
        return all;
    }

    /** Marks the first offending byte, shown with a caret in the failure output. */
    public synchronized void markOffending(Direction direction, long offset, String why) {
        this.offense = new Offense(direction, offset, why);
    }

    public synchronized Optional<Offense> offense() {
        return Optional.ofNullable(offense);
    }

    /** The command that reproduces the exchange by hand, e.g. {@code curl -v http://127.0.0.1:8080/}. */
    public synchronized void reproduceWith(String command) {
        this.reproduce = command;
    }

    public synchronized Optional<String> reproduce() {
        return Optional.ofNullable(reproduce);
    }
}
