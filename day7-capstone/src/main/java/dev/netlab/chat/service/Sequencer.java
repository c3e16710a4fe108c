package dev.netlab.chat.service;

import dev.netlab.chat.ChatError;
import dev.netlab.chat.ChatException;
import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.cluster.RedisBus;
import dev.netlab.chat.history.Appended;
import dev.netlab.chat.history.Draft;
import dev.netlab.chat.history.HistoryStore;
import dev.netlab.chat.history.StoredMessage;
import dev.netlab.chat.protocol.ChatCodec;
import dev.netlab.chat.protocol.ClientMessage;
import dev.netlab.chat.protocol.ServerMessage;
import dev.netlab.chat.room.Outbound;
import dev.netlab.chat.room.RoomRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the rooms and the history: every join, leave, send and disconnect
 * of every connection goes through its queue and is handled in that order (README.md#one-order).
 *
 * <p>Sends are gathered: consecutive sends are stored in one transaction (one fsync for all of
 * them: group commit) when the queue runs dry or before any other command, then acknowledged to
 * their senders and fanned out to their rooms. Because a join is handled only after every
 * earlier send is stored and fanned out, and every later send is fanned out only after the join,
 * the history a joiner is replayed and the live messages it gets after meet exactly: no gap,
 * no duplicate.
 *
 * <p>Cluster mode ({@code bus} not null, CLUSTER.md): the history is the rooms' Redis Streams
 * and the order is Redis's. A flush stores the gathered sends with one script and acknowledges
 * them, but fans out nothing: every message, this instance's own included, comes back from the
 * Stream reader as a {@link Command.Remote} and is fanned out then, in Stream order. Per room
 * the sequencer keeps the last id it fanned out (its cursor): a join replays the Stream up to
 * the cursor, the reader delivers what follows, and an id at or below the cursor is dropped —
 * the same three lines as above, with the Stream in place of the store.
 */
final class Sequencer {
    private static final Logger log = LoggerFactory.getLogger(Sequencer.class);
    private static final int MAX_BATCH = 1024;

    /** A send waiting for the next commit. */
    private record Pending(ChatSession session, Draft draft, long receivedNanos) {}

    private final ChatLimits limits;
    private final ChatCodec codec;
    private final RoomRegistry rooms;
    private final HistoryStore store;
    private final Clock clock;
    private final dev.netlab.chat.metrics.ChatMetrics metrics;
    private final BlockingQueue<Command> queue = new ArrayBlockingQueue<>(64 * 1024);
    private final List<Pending> pending = new ArrayList<>();
    private final Thread thread;
    /** Starts the writers of each fan-out beside this thread (see {@link WriterStarts}). */
    private final WriterStarts writerStarts = new WriterStarts("chat-writer-starts");
    private volatile boolean accepting = true;
    private boolean storeFailureLogged;
    private final RedisBus bus;
    /** Cluster mode: per followed room, the last id fanned out here. */
    private final Map<String, Long> cursors = new HashMap<>();
    /** Cluster mode: per room, this instance's members and when they joined (the presence keys' content). */
    private final Map<String, LinkedHashMap<String, Long>> local = new HashMap<>();
    /** Cluster mode: per room, the member list last shown to this instance's members. */
    private final Map<String, List<String>> shown = new HashMap<>();
    /** Cluster mode: when this instance read its own sends (for the latency histogram), until they come back. */
    private final Map<Long, Long> receivedAt = new HashMap<>();

    Sequencer(ChatLimits limits, ChatCodec codec, RoomRegistry rooms, HistoryStore store, Clock clock,
              dev.netlab.chat.metrics.ChatMetrics metrics) {
        this(limits, codec, rooms, store, null, clock, metrics);
    }

    Sequencer(ChatLimits limits, ChatCodec codec, RoomRegistry rooms, HistoryStore store, RedisBus bus, Clock clock,
              dev.netlab.chat.metrics.ChatMetrics metrics) {
        this.bus = bus;
        this.limits = limits;
        this.codec = codec;
        this.rooms = rooms;
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.thread = Thread.ofPlatform().name("chat-sequencer").daemon().unstarted(this::run);
    }

    void start() {
        writerStarts.start();
        thread.start();
    }

    boolean alive() {
        return thread.isAlive();
    }

    /**
     * Queues a command; waits while the queue is full (the reader stops reading, TCP pushes back
     * on the client). False once the sequencer stopped accepting.
     */
    boolean submit(Command command) {
        if (!accepting && !(command instanceof Command.Stop)) {
            return false;
        }
        try {
            while (!queue.offer(command, 100, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops taking commands, handles what is queued (storing every pending send), and returns when done. */
    boolean stop(long millis) throws InterruptedException {
        accepting = false;
        submit(new Command.Stop());
        return thread.join(java.time.Duration.ofMillis(Math.max(1, millis)));
    }

    private void run() {
        try {
            loop();
        } finally {
            writerStarts.close(); // what the last fan-outs handed over is started before the sequencer ends
        }
    }

    private void loop() {
        List<Command> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                for (Command c : batch) {
                    if (c instanceof Command.Stop) {
                        flush();
                        if (bus != null) {
                            withdrawPresence();
                        }
                        return;
                    }
                    handle(c);
                }
                batch.clear();
                flush(); // the queue ran dry: commit what was gathered
            }
        } catch (InterruptedException e) {
            flush();
        } catch (RuntimeException e) {
            log.error("the chat sequencer failed; the chat stops", e);
            throw e;
        }
    }

    private void handle(Command c) {
        switch (c) {
            case Command.FromClient f -> {
                switch (f.message()) {
                    case ClientMessage.Send s -> send(f.session(), s, f.receivedNanos());
                    case ClientMessage.Join j -> {
                        flush();
                        join(f.session(), j);
                    }
                    case ClientMessage.Leave l -> {
                        flush();
                        leave(f.session(), l);
                    }
                    case ClientMessage.ListRooms r -> f.session().reply(new ServerMessage.Rooms(rooms.rooms()));
                }
            }
            case Command.Disconnected d -> {
                flush();
                for (Map.Entry<String, String> left : rooms.leaveAll(d.session()).entrySet()) {
                    announce(left.getKey(), left.getValue(), false);
                    presence(left.getKey(), left.getValue(), ServerMessage.Event.LEAVE);
                }
            }
            case Command.Remote r -> remote(r.message());
            case Command.RemotePresence p -> {
                if (!rooms.members(p.room()).isEmpty()) {
                    presence(p.room(), p.nick(), p.join() ? ServerMessage.Event.JOIN : ServerMessage.Event.LEAVE);
                }
            }
            case Command.Heartbeat h -> heartbeat();
            case Command.Stop s -> throw new IllegalStateException("handled in run()");
        }
    }

    private void send(ChatSession session, ClientMessage.Send s, long receivedNanos) {
        String nick = rooms.nickIn(s.room(), session);
        if (nick == null) {
            session.reply(new ServerMessage.Error(ChatError.NOT_IN_ROOM, "join " + s.room() + " first", s.ref()));
            return;
        }
        pending.add(new Pending(session, new Draft(s.room(), nick, s.text(), clock.millis(), s.ref()), receivedNanos));
    }

    private void join(ChatSession session, ClientMessage.Join j) {
        List<String> members;
        try {
            members = rooms.join(j.room(), j.nick(), session);
        } catch (ChatException e) {
            session.reply(new ServerMessage.Error(e.code(), e.getMessage(), null));
            return;
        }
        if (bus != null) {
            joinCluster(session, j);
            return;
        }
        List<StoredMessage> replay;
        boolean gap = false;
        try {
            if (j.since() == null) {
                replay = store.recent(j.room(), limits.historyOnJoin());
            } else {
                replay = store.after(j.room(), j.since(), limits.maxResume() + 1);
                if (replay.size() > limits.maxResume()) {
                    // missed more than a resume carries: the newest ones, and say so
                    replay = store.recent(j.room(), limits.historyOnJoin());
                    gap = true;
                }
            }
        } catch (SQLException e) {
            rooms.leave(j.room(), session);
            storeFailed(e);
            session.reply(new ServerMessage.Error(ChatError.UNAVAILABLE, "the history is unavailable; join again", null));
            return;
        }
        session.reply(new ServerMessage.Joined(j.room(), j.nick(), members, gap));
        for (StoredMessage m : replay) {
            session.offer(Outbound.of(codec.encode(m.toWire())));
        }
        presence(j.room(), j.nick(), ServerMessage.Event.JOIN);
    }

    /** A join in cluster mode: follow the room if new here, replay the Stream up to the cursor, announce. */
    private void joinCluster(ChatSession session, ClientMessage.Join j) {
        List<StoredMessage> replay;
        boolean gap = false;
        try {
            Long cursor = cursors.get(j.room());
            if (cursor == null) {
                cursor = bus.lastId(j.room());
                cursors.put(j.room(), cursor);
                bus.follow(j.room(), cursor);
            }
            if (j.since() == null) {
                replay = bus.recent(j.room(), cursor, limits.historyOnJoin());
            } else {
                replay = bus.after(j.room(), j.since(), cursor, limits.maxResume() + 1);
                if (replay.size() > limits.maxResume()) {
                    replay = bus.recent(j.room(), cursor, limits.historyOnJoin());
                    gap = true;
                }
            }
            local.computeIfAbsent(j.room(), r -> new LinkedHashMap<>()).put(j.nick(), clock.millis());
            if (!bus.presence(j.room(), local.get(j.room()), j.nick(), true)) {
                // another instance's member has it: unique per room across the instances, as on one
                rooms.leave(j.room(), session);
                dropLocal(j.room(), j.nick());
                session.reply(new ServerMessage.Error(ChatError.NICK_TAKEN, "someone in " + j.room() + " is called " + j.nick(), null));
                return;
            }
        } catch (RedisBus.Unavailable e) {
            rooms.leave(j.room(), session);
            dropLocal(j.room(), j.nick());
            storeFailed(e);
            session.reply(new ServerMessage.Error(ChatError.UNAVAILABLE, "the history is unavailable; join again", null));
            return;
        }
        session.reply(new ServerMessage.Joined(j.room(), j.nick(), members(j.room()), gap));
        for (StoredMessage m : replay) {
            session.offer(Outbound.of(codec.encode(m.toWire())));
        }
        presence(j.room(), j.nick(), ServerMessage.Event.JOIN);
    }

    /** Cluster mode: forgets {@code nick} among this instance's members of {@code room} (a join that did not happen). */
    private void dropLocal(String room, String nick) {
        LinkedHashMap<String, Long> here = local.get(room);
        if (here != null) {
            here.remove(nick); // an emptied room stays listed: the next beat deletes its key
        }
    }

    /** Cluster mode: tells the other instances (and the presence keys) that {@code nick} left {@code room}. */
    private void announce(String room, String nick, boolean join) {
        if (bus == null) {
            return;
        }
        LinkedHashMap<String, Long> here = local.get(room);
        if (here != null) {
            here.remove(nick);
            if (here.isEmpty()) {
                local.remove(room);
                shown.remove(room);
            }
        }
        try {
            bus.presence(room, here == null ? Map.of() : here, nick, join);
        } catch (RedisBus.Unavailable e) {
            storeFailed(e); // the heartbeat rewrites the keys when Redis is back; the TTL ends the rest
        }
    }

    /** Cluster mode: a message read from a room's Stream; fanned out once, in Stream order. */
    private void remote(StoredMessage m) {
        Long cursor = cursors.get(m.room());
        if (cursor == null || m.id() <= cursor) {
            return; // a room not followed, or read again after a reconnect
        }
        cursors.put(m.room(), m.id());
        Long received = receivedAt.remove(m.id());
        rooms.broadcast(m.room(), new Outbound(codec.encode(m.toWire()), received == null ? 0 : received));
    }

    /** Cluster mode: renew this instance's presence keys; tell members about anyone who vanished elsewhere (a crashed instance's TTL). */
    private void heartbeat() {
        try {
            for (Map.Entry<String, LinkedHashMap<String, Long>> e : local.entrySet()) {
                bus.presence(e.getKey(), e.getValue(), null, false);
            }
            for (String room : List.copyOf(local.keySet())) {
                List<String> before = shown.getOrDefault(room, List.of());
                List<String> now = bus.members(room);
                for (String nick : before) {
                    if (!now.contains(nick)) {
                        presence(room, nick, ServerMessage.Event.LEAVE);
                    }
                }
                for (String nick : now) {
                    if (!before.contains(nick) && !shown.getOrDefault(room, List.of()).contains(nick)) {
                        presence(room, nick, ServerMessage.Event.JOIN);
                    }
                }
            }
        } catch (RedisBus.Unavailable e) {
            storeFailed(e);
        }
    }

    /** Cluster mode, a graceful stop: this instance's members leave the presence keys now, not at the TTL. */
    private void withdrawPresence() {
        for (Map.Entry<String, LinkedHashMap<String, Long>> e : local.entrySet()) {
            try {
                bus.presence(e.getKey(), Map.of(), null, false);
                for (String nick : e.getValue().keySet()) {
                    bus.presence(e.getKey(), Map.of(), nick, false);
                }
            } catch (RedisBus.Unavailable x) {
                return;
            }
        }
    }

    /** The room's members: this instance's, or in cluster mode every live instance's. */
    private List<String> members(String room) {
        if (bus == null) {
            return rooms.members(room);
        }
        try {
            List<String> all = bus.members(room);
            for (String nick : rooms.members(room)) { // Redis away: at least the ones here
                if (!all.contains(nick)) {
                    all = new ArrayList<>(all);
                    all.add(nick);
                }
            }
            return all;
        } catch (RedisBus.Unavailable e) {
            return rooms.members(room);
        }
    }

    private void leave(ChatSession session, ClientMessage.Leave l) {
        String nick = rooms.leave(l.room(), session);
        if (nick == null) {
            session.reply(new ServerMessage.Error(ChatError.NOT_IN_ROOM, "not in " + l.room(), null));
            return;
        }
        session.reply(new ServerMessage.Left(l.room()));
        announce(l.room(), nick, false);
        presence(l.room(), nick, ServerMessage.Event.LEAVE);
    }

    private void presence(String room, String nick, ServerMessage.Event event) {
        if (rooms.members(room).isEmpty()) {
            return;
        }
        List<String> members = members(room);
        if (bus != null) {
            shown.put(room, members);
        }
        if (!members.isEmpty()) {
            rooms.broadcast(room, Outbound.of(codec.encode(new ServerMessage.Presence(room, nick, event, members))));
        }
    }

    /** Stores the gathered sends in one transaction; then acknowledges and fans out each, in id order. */
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Draft> drafts = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            drafts.add(p.draft());
        }
        long start = System.nanoTime();
        List<Appended> stored;
        try {
            stored = bus != null ? bus.append(drafts) : store.append(drafts);
        } catch (SQLException | RedisBus.Unavailable e) {
            storeFailed(e);
            for (Pending p : pending) {
                p.session().reply(new ServerMessage.Error(ChatError.UNAVAILABLE, "not stored; send it again", p.draft().ref()));
            }
            pending.clear();
            return;
        }
        metrics.committed(drafts.size(), System.nanoTime() - start);
        writerStarts.deferring(() -> fanOut(stored));
        pending.clear();
        if (receivedAt.size() > 100_000) {
            receivedAt.clear(); // only feeds the latency histogram; never grows without bound
        }
    }

    /** Acknowledges and fans out each stored message, in id order; the writers it needs start on {@link #writerStarts}. */
    private void fanOut(List<Appended> stored) {
        for (int i = 0; i < stored.size(); i++) {
            Pending p = pending.get(i);
            StoredMessage m = stored.get(i).message();
            // acknowledged only now: the transaction is on disk
            p.session().reply(new ServerMessage.Ack(p.draft().ref(), m.id(), m.ts()));
            if (bus != null) {
                if (stored.get(i).fresh()) {
                    receivedAt.put(m.id(), p.receivedNanos()); // the reader brings it back for the fan-out
                }
            } else if (stored.get(i).fresh()) {
                metrics.fannedOut(System.nanoTime() - p.receivedNanos());
                rooms.broadcast(m.room(), new Outbound(codec.encode(m.toWire()), p.receivedNanos()));
            }
        }
    }

    private void storeFailed(Exception e) {
        if (bus != null) {
            log.debug("redis: {}", e.toString()); // RedisBus logs the outage and the recovery once each
            return;
        }
        if (!storeFailureLogged) {
            storeFailureLogged = true;
            log.error("the history store failed (messages are refused, not lost): {}", e.toString());
        }
    }
}
