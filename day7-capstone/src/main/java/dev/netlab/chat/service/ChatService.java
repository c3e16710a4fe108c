package dev.netlab.chat.service;

import dev.netlab.chat.ChatError;
import dev.netlab.chat.ChatException;
import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.cluster.RedisBus;
import dev.netlab.chat.history.HistoryStore;
import dev.netlab.chat.metrics.ChatMetrics;
import dev.netlab.chat.protocol.ChatCodec;
import dev.netlab.chat.room.RoomRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat, independent of any transport: sessions come in through {@link #open(ChatLink)},
 * their messages go through one {@link Sequencer} that owns the {@link RoomRegistry} and the
 * {@link HistoryStore}. Your exercises are its parts: the codec (7.01), the token bucket
 * (7.02), the rooms (7.03), the outboxes (7.04), the store (7.05).
 */
public final class ChatService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    private final ChatLimits limits;
    private final ChatCodec codec;
    private final ChatMetrics metrics;
    private final HistoryStore store;
    private final RedisBus bus;
    private Thread heartbeat;
    private Thread stallWatch;
    private final Sequencer sequencer;
    /** Where the members' writers run: a few lanes, or null for a virtual thread per writer ({@link WriterPool}). */
    private final WriterPool writers;
    private final Set<ChatSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean stopping;

    /**
     * {@code -Dnetlab.chat.writerLanes=N}: the {@link WriterPool}'s lanes, one per core by default; 0
     * starts a virtual thread per writer instead (the measurement's other arm).
     */
    static final int WRITER_LANES = Math.max(0, Integer.getInteger("netlab.chat.writerLanes", Runtime.getRuntime().availableProcessors()));
    /** How long one send may hold a lane before the lane goes on on a new thread ({@link WriterPool}). */
    static final long WRITER_BLOCKED_MILLIS = 20;

    private ChatService(ChatLimits limits, HistoryStore store, RedisBus bus, Clock clock, ChatMetrics metrics) {
        this.limits = limits;
        this.codec = new ChatCodec(limits);
        this.metrics = metrics;
        this.store = store;
        this.bus = bus;
        this.sequencer = new Sequencer(limits, codec, new RoomRegistry(limits), store, bus, clock, metrics);
        this.writers = WRITER_LANES == 0 ? null : new WriterPool(WRITER_LANES, WRITER_BLOCKED_MILLIS, metrics::writerHandedOff);
    }

    /** Starts the chat on {@code store}, which it closes on {@link #shutdown}. */
    public static ChatService start(ChatLimits limits, HistoryStore store, Clock clock, ChatMetrics metrics) {
        ChatService service = new ChatService(limits, store, null, clock, metrics);
        service.sequencer.start();
        service.startStallWatch();
        return service;
    }

    /**
     * Starts the chat as one instance of several sharing rooms, presence and history through
     * Redis (CLUSTER.md); closes {@code bus} on {@link #shutdown}. {@code heartbeat}: how often
     * this instance renews its presence keys (a third of their TTL).
     */
    public static ChatService startClustered(ChatLimits limits, RedisBus bus, Duration heartbeat, Clock clock, ChatMetrics metrics) {
        ChatService service = new ChatService(limits, null, bus, clock, metrics);
        service.sequencer.start();
        service.startStallWatch();
        bus.start(new RedisBus.Listener() {
            @Override
            public void message(dev.netlab.chat.history.StoredMessage m) {
                service.sequencer.submit(new Command.Remote(m));
            }

            @Override
            public void presence(String room, String nick, boolean join) {
                service.sequencer.submit(new Command.RemotePresence(room, nick, join));
            }
        });
        service.heartbeat = Thread.ofPlatform().name("chat-heartbeat").daemon().start(() -> {
            while (!service.stopping) {
                try {
                    Thread.sleep(heartbeat);
                } catch (InterruptedException e) {
                    return;
                }
                service.sequencer.submit(new Command.Heartbeat());
            }
        });
        return service;
    }

    /**
     * The time bound of the slow-consumer policy ({@link ChatSession#checkStall}): one virtual thread
     * looks at every session about every second (a fifth of the bound, for the short bounds of
     * tests) — ten thousand members cost ten thousand reads a second, where a timer per send was a
     * timer armed and cancelled per frame.
     */
    private void startStallWatch() {
        long period = Math.clamp(limits.outboxMaxWaitMillis() / 5, 20, 1000);
        stallWatch = Thread.ofVirtual().name("chat-stall-watch").start(() -> {
            while (!stopping) {
                try {
                    Thread.sleep(period);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                for (ChatSession s : sessions) {
                    s.checkStall(now);
                }
            }
        });
    }

    /**
     * A new connection joins the chat. Over the connection cap, or while shutting down, it is
     * refused: a {@link ChatException} whose code's close code the transport closes with (1013, 1001).
     */
    public ChatSession open(ChatLink link) throws ChatException {
        if (stopping) {
            throw new ChatException(ChatError.GOING_AWAY, "the server is shutting down");
        }
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            metrics.connectionRefused();
            throw new ChatException(ChatError.SERVER_FULL, "the chat has " + limits.maxConnections() + " connections; try again later");
        }
        ChatSession session = new ChatSession(this, link);
        sessions.add(session);
        metrics.connectionOpened();
        session.start();
        return session;
    }

    /** A session's connection is gone. */
    void released(ChatSession session) {
        if (sessions.remove(session)) {
            open.decrementAndGet();
            metrics.connectionClosed();
        }
    }

    /**
     * Graceful shutdown within {@code grace}: no new connections; every message already read is
     * stored and acknowledged; every client gets what was queued for it, then close 1001; the
     * history is closed (SQLite folds the log into the database file).
     */
    public void shutdown(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        stopping = true;
        try {
            if (!sequencer.stop(remaining(deadline) / 2)) {
                log.warn("the sequencer did not finish in time");
            }
            List<ChatSession> all = List.copyOf(sessions);
            for (ChatSession s : all) {
                s.closeAfterQueued(ChatError.GOING_AWAY, "server shutting down");
            }
            for (ChatSession s : all) {
                if (!s.awaitWriter(remaining(deadline))) {
                    s.interruptWriter();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (heartbeat != null) {
                heartbeat.interrupt();
            }
            stallWatch.interrupt();
            if (writers != null) {
                writers.stop();
            }
            if (bus != null) {
                bus.close();
            }
            try {
                if (store != null) {
                    store.close();
                }
            } catch (SQLException e) {
                log.warn("closing the history: {}", e.toString());
            }
        }
    }

    private static long remaining(long deadline) {
        return Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(2));
    }

    public ChatLimits limits() {
        return limits;
    }

    public ChatMetrics metrics() {
        return metrics;
    }

    ChatCodec codec() {
        return codec;
    }

    /** The writers' lanes, or null when each writer has a virtual thread of its own. */
    WriterPool writers() {
        return writers;
    }

    Sequencer sequencer() {
        return sequencer;
    }

    /** Whether the chat takes messages: the sequencer runs and no shutdown began. */
    public boolean healthy() {
        return !stopping && sequencer.alive();
    }

    /** In cluster mode the Redis bus, else null. */
    public RedisBus cluster() {
        return bus;
    }

    /** In cluster mode this instance's name in Redis's presence keys, else null. */
    public String clusterInstance() {
        return bus == null ? null : bus.instance();
    }

    /** Connections open now. */
    public int connections() {
        return open.get();
    }
}
