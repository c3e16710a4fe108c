package dev.netlab.chat.cluster;

import dev.netlab.chat.history.Appended;
import dev.netlab.chat.history.Draft;
import dev.netlab.chat.history.StoredMessage;
import dev.netlab.chat.room.Nicknames;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's rooms shared by several instances through Redis (CLUSTER.md), given code: the
 * learner's exercises stay the one-instance pieces; this replaces the history store and the
 * direct fan-out when the chat runs with {@code --redis}.
 *
 * <ul>
 *   <li><b>One order per room, from Redis.</b> A send is stored by a Lua script, atomic in
 *       Redis: {@code INCR chat:ids} gives the id, {@code XADD chat:room:<room> MAXLEN ~ N
 *       <id>-0} appends it to the room's Stream. Every instance reads the Streams of its rooms
 *       ({@code XREAD BLOCK}) and fans out what it reads, in Stream order — its own messages
 *       included, so no instance delivers anything twice or out of order.</li>
 *   <li><b>Acknowledged means Redis has it</b> — durable as far as Redis's persistence goes
 *       ({@code appendonly yes}, {@code appendfsync always}: fsynced before the reply).</li>
 *   <li><b>A resend under the same ref is stored once</b>: the script keeps
 *       {@code chat:ref:<room>:<ref>} → id (a day) and answers the earlier message.</li>
 *   <li><b>History is the Stream</b> (capped at about {@code maxlen} per room): a client that
 *       reconnects to another instance resumes with {@code since} from the same ids.</li>
 *   <li><b>Presence in keys with a TTL</b>: {@code chat:members:<room>:<instance>} (a sorted
 *       set nick → join time) expires unless the instance's heartbeat renews it, so a crashed
 *       instance's members disappear; joins and leaves are also published on
 *       {@code chat:presence} so the other instances tell their members at once.</li>
 * </ul>
 */
public final class RedisBus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisBus.class);
    private static final String IDS = "chat:ids";
    private static final String PRESENCE = "chat:presence";
    private static final long REF_TTL_SECONDS = 86_400;

    /**
     * KEYS: chat:ids, then per draft its stream and its ref key; ARGV: maxlen, ref ttl, then per
     * draft nick, text, ts, ref. Answers per draft: fresh (1/0), id, nick, text, ts.
     */
    private static final String APPEND = """
            local out = {}
            local n = (#KEYS - 1) / 2
            for i = 1, n do
              local stream, refkey = KEYS[2 * i], KEYS[2 * i + 1]
              local b = 2 + (i - 1) * 4
              local nick, text, ts, ref = ARGV[b + 1], ARGV[b + 2], ARGV[b + 3], ARGV[b + 4]
              local old = false
              if ref ~= '' then old = redis.call('GET', refkey) end
              if old then
                local e = redis.call('XRANGE', stream, old .. '-0', old .. '-0')
                if e[1] then
                  local f = e[1][2]
                  nick, text, ts = f[2], f[4], f[6]
                end
                table.insert(out, '0'); table.insert(out, old)
              else
                local id = redis.call('INCR', KEYS[1])
                redis.call('XADD', stream, 'MAXLEN', '~', ARGV[1], id .. '-0', 'nick', nick, 'text', text, 'ts', ts, 'ref', ref)
                if ref ~= '' then redis.call('SET', refkey, id, 'EX', ARGV[2]) end
                table.insert(out, '1'); table.insert(out, tostring(id))
              end
              table.insert(out, nick); table.insert(out, text); table.insert(out, ts)
            end
            return out
            """;

    /**
     * KEYS: the instance's members key of a room, the room's instances set; ARGV: ttl ms, instance,
     * a message for chat:presence ('' for none), a nick to remove ('' for none), the room's
     * nickname-claim prefix, a folded nick to claim ('' for none), a folded nick to release ('' for
     * none), then score, nick, folded nick triples (none: this instance has nobody left in the
     * room). One round trip for a join, a leave or a beat. Answers 0, having changed nothing, when
     * the nick to claim is held by another instance: a nickname is unique per room across the
     * instances, as on one. A claim ({@code chat:nick:<room>:<folded>} → instance) lives as long as
     * the presence keys and is renewed with them, so a crashed instance's nicknames come free
     * with its members. Reads keys it was not given, like MEMBERS_SCRIPT.
     */
    private static final String PRESENCE_SCRIPT = """
            local ttl, me, prefix = ARGV[1], ARGV[2], ARGV[5]
            if ARGV[6] ~= '' then
              local holder = redis.call('GET', prefix .. ARGV[6])
              if holder and holder ~= me then return 0 end
            end
            if ARGV[7] ~= '' and redis.call('GET', prefix .. ARGV[7]) == me then redis.call('DEL', prefix .. ARGV[7]) end
            if ARGV[4] ~= '' then redis.call('ZREM', KEYS[1], ARGV[4]) end
            if #ARGV > 7 then
              local batch = {}
              for i = 8, #ARGV, 3 do
                table.insert(batch, ARGV[i]); table.insert(batch, ARGV[i + 1])
                local claim = prefix .. ARGV[i + 2]
                local holder = redis.call('GET', claim)
                if not holder or holder == me then redis.call('SET', claim, me, 'PX', ttl) end
                if #batch >= 1000 then redis.call('ZADD', KEYS[1], unpack(batch)); batch = {} end
              end
              if #batch > 0 then redis.call('ZADD', KEYS[1], unpack(batch)) end
              redis.call('PEXPIRE', KEYS[1], ttl)
              redis.call('SADD', KEYS[2], me)
            else
              redis.call('DEL', KEYS[1])
            end
            if ARGV[3] ~= '' then redis.call('PUBLISH', 'chat:presence', ARGV[3]) end
            return 1
            """;

    /**
     * KEYS: the room's instances set; ARGV: the members keys' prefix. Every live instance's members
     * (nick, score, ...), forgetting instances whose key expired. It reads keys it was not given
     * (the instances' member sets): fine on one Redis; on Redis Cluster they would share the room's
     * hash tag and slot.
     */
    private static final String MEMBERS_SCRIPT = """
            local out = {}
            for _, inst in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              local m = redis.call('ZRANGE', ARGV[1] .. inst, 0, -1, 'WITHSCORES')
              if #m == 0 then redis.call('SREM', KEYS[1], inst) end
              for _, v in ipairs(m) do table.insert(out, v) end
            end
            return out
            """;

    /** What the bus hands to the chat's sequencer. */
    public interface Listener {
        /** A message of a followed room, in Stream order (possibly again after a reconnect: the sequencer drops ids it has). */
        void message(StoredMessage m);

        /** Another instance announced a join or leave in {@code room}. */
        void presence(String room, String nick, boolean join);
    }

    /** Redis did not answer: nothing of the operation can be assumed done. */
    public static final class Unavailable extends Exception {
        Unavailable(RuntimeException cause) { // a RedisException, or Lettuce's IllegalStateException once closed
            super("redis: " + cause.getMessage(), cause);
        }
    }

    /**
     * @param url        {@code redis://127.0.0.1:6379}
     * @param maxlen     the approximate cap of each room's Stream (XADD MAXLEN ~)
     * @param presenceTtl how long a member stays listed without its instance's heartbeat
     */
    public record Config(String url, long maxlen, Duration presenceTtl) {
        public static Config of(String url) {
            return new Config(url, 10_000, Duration.ofSeconds(6));
        }

        public Config withPresenceTtl(Duration ttl) {
            return new Config(url, maxlen, ttl);
        }
    }

    private final Config config;
    private final String instance;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final StatefulRedisConnection<String, String> readerConnection;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final Map<String, String> follow = new ConcurrentHashMap<>(); // stream key → last id read
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean down = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong outages = new java.util.concurrent.atomic.AtomicLong();
    private volatile Listener listener;
    private final Map<String, String> shas = new ConcurrentHashMap<>();
    private Thread reader;

    private RedisBus(Config config, RedisClient client) {
        this.config = config;
        this.instance = UUID.randomUUID().toString().substring(0, 8);
        this.client = client;
        this.connection = client.connect();
        this.redis = connection.sync();
        this.readerConnection = client.connect();
        this.pubsub = client.connectPubSub();
    }

    /** Connects to Redis (failing at once with a clear message if it does not answer). */
    public static RedisBus connect(Config config) {
        // reconnect every 250 ms (Lettuce's default backs off to 30 s: a chat would stay deaf that long after Redis is back)
        ClientResources resources = DefaultClientResources.builder().reconnectDelay(Delay.constant(Duration.ofMillis(250))).build();
        RedisClient client = RedisClient.create(resources, RedisURI.create(config.url()));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // while Redis is away a send fails at once (the client hears "send it again"), not after a queue
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(3)))
                .build());
        try {
            RedisBus bus = new RedisBus(config, client);
            bus.watchConnection();
            return bus;
        } catch (RedisException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            resources.shutdown();
            throw new IllegalStateException("cannot reach Redis at " + config.url() + ": " + e.getMessage()
                    + " (start one: redis-server --port 6379, or use --cluster N)", e);
        }
    }

    private void watchConnection() {
        client.getResources().eventBus().get().subscribe(e -> {
            if (!running.get()) {
                return;
            }
            if (e instanceof ConnectionDeactivatedEvent d && down.compareAndSet(false, true)) {
                outages.incrementAndGet();
                log.warn("redis: connection to {} lost ({}): sends are refused (\"send it again\") until it is back",
                        config.url(), d.remoteAddress());
            } else if (e instanceof ConnectionActivatedEvent && down.compareAndSet(true, false)) {
                log.warn("redis: connection to {} is back: resuming the room streams where they were", config.url());
            }
        });
    }

    /** Starts following: messages and presence events go to {@code l}. */
    public void start(Listener l) {
        this.listener = l;
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                String[] f = message.split("\t", 4);
                if (f.length == 4 && !f[3].equals(instance)) {
                    listener.presence(f[0], f[1], f[2].equals("join"));
                }
            }
        });
        pubsub.sync().subscribe(PRESENCE);
        reader = Thread.ofPlatform().name("chat-redis-reader").daemon().start(this::read);
    }

    /** This instance's name in the presence keys. */
    public String instance() {
        return instance;
    }

    private static String stream(String room) {
        return "chat:room:" + room;
    }

    private static String members(String room, String instance) {
        return "chat:members:" + room + ":" + instance;
    }

    private static String instances(String room) {
        return "chat:instances:" + room;
    }

    private static long idOf(String streamId) {
        return Long.parseLong(streamId.substring(0, streamId.indexOf('-')));
    }

    /** Stores the drafts, in order, in one atomic script: what became of each. */
    public List<Appended> append(List<Draft> drafts) throws Unavailable {
        List<String> keys = new ArrayList<>(1 + 2 * drafts.size());
        List<String> args = new ArrayList<>(2 + 4 * drafts.size());
        keys.add(IDS);
        args.add(Long.toString(config.maxlen()));
        args.add(Long.toString(REF_TTL_SECONDS));
        for (Draft d : drafts) {
            keys.add(stream(d.room()));
            keys.add("chat:ref:" + d.room() + ":" + (d.ref() == null ? "" : d.ref()));
            args.add(d.nick());
            args.add(d.text());
            args.add(Long.toString(d.ts()));
            args.add(d.ref() == null ? "" : d.ref());
        }
        List<String> out = script(APPEND, ScriptOutputType.MULTI, keys.toArray(String[]::new), args);
        List<Appended> result = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            int b = 5 * i;
            result.add(new Appended(new StoredMessage(Long.parseLong(out.get(b + 1)), drafts.get(i).room(), out.get(b + 2),
                    out.get(b + 3), Long.parseLong(out.get(b + 4))), out.get(b).equals("1")));
        }
        return result;
    }

    /** The id of the newest message of {@code room}, 0 if none. */
    public long lastId(String room) throws Unavailable {
        try {
            List<StreamMessage<String, String>> last = redis.xrevrange(stream(room), Range.create("-", "+"), Limit.from(1));
            return last.isEmpty() ? 0 : idOf(last.getFirst().getId());
        } catch (RuntimeException e) {
            throw new Unavailable(e);
        }
    }

    /** Starts reading {@code room}'s Stream after {@code afterId} (once per room: an instance keeps following a room). */
    public void follow(String room, long afterId) {
        follow.putIfAbsent(stream(room), afterId + "-0");
    }

    /** The newest {@code limit} messages of {@code room} up to {@code upTo}, oldest first. */
    public List<StoredMessage> recent(String room, long upTo, int limit) throws Unavailable {
        try {
            List<StreamMessage<String, String>> newest = redis.xrevrange(stream(room),
                    Range.create("-", upTo + "-0"), Limit.from(limit));
            List<StoredMessage> out = new ArrayList<>(newest.size());
            for (int i = newest.size() - 1; i >= 0; i--) {
                out.add(stored(room, newest.get(i)));
            }
            return out;
        } catch (RuntimeException e) {
            throw new Unavailable(e);
        }
    }

    /** At most {@code limit} messages of {@code room} with ids in ({@code afterId}, {@code upTo}], oldest first. */
    public List<StoredMessage> after(String room, long afterId, long upTo, int limit) throws Unavailable {
        if (afterId >= upTo) {
            return List.of();
        }
        try {
            List<StoredMessage> out = new ArrayList<>();
            for (StreamMessage<String, String> m : redis.xrange(stream(room), Range.create((afterId + 1) + "-0", upTo + "-0"),
                    Limit.from(limit))) {
                out.add(stored(room, m));
            }
            return out;
        } catch (RuntimeException e) {
            throw new Unavailable(e);
        }
    }

    private static StoredMessage stored(String room, StreamMessage<String, String> m) {
        Map<String, String> f = m.getBody();
        return new StoredMessage(idOf(m.getId()), room, f.get("nick"), f.get("text"), Long.parseLong(f.get("ts")));
    }

    /**
     * Writes this instance's members of {@code room} (nick → join time; empty: none left) with
     * the presence TTL, renewing their nickname claims, and announces {@code nick}'s join or leave
     * to the other instances ({@code nick} null: a heartbeat, nothing to announce). A join also
     * claims the nickname in the room for this instance: false, and nothing written, when another
     * instance's member already has it (compared folded, as one instance compares them).
     */
    public boolean presence(String room, Map<String, Long> localMembers, String nick, boolean join) throws Unavailable {
        List<String> args = new ArrayList<>(7 + 3 * localMembers.size());
        args.add(Long.toString(config.presenceTtl().toMillis()));
        args.add(instance);
        args.add(nick == null ? "" : room + "\t" + nick + "\t" + (join ? "join" : "leave") + "\t" + instance);
        args.add(nick != null && !join ? nick : "");
        args.add("chat:nick:" + room + ":");
        args.add(nick != null && join ? Nicknames.fold(nick) : "");
        args.add(nick != null && !join ? Nicknames.fold(nick) : "");
        for (Map.Entry<String, Long> e : localMembers.entrySet()) {
            args.add(Long.toString(e.getValue()));
            args.add(e.getKey());
            args.add(Nicknames.fold(e.getKey()));
        }
        Long done = script(PRESENCE_SCRIPT, ScriptOutputType.INTEGER, new String[] {members(room, instance), instances(room)}, args);
        return done != null && done == 1;
    }

    /** Everyone in {@code room} on every live instance, by join time, each nickname once. */
    public List<String> members(String room) throws Unavailable {
        List<String> flat = script(MEMBERS_SCRIPT, ScriptOutputType.MULTI, new String[] {instances(room)},
                List.of("chat:members:" + room + ":"));
        List<Map.Entry<String, Double>> all = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            all.add(Map.entry(flat.get(i), Double.parseDouble(flat.get(i + 1))));
        }
        all.sort(Map.Entry.comparingByValue());
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Map.Entry<String, Double> v : all) {
            seen.putIfAbsent(v.getKey(), true);
        }
        return List.copyOf(seen.keySet());
    }

    /**
     * Runs a script by its SHA-1 ({@code EVALSHA}: the body crosses the wire once), loading it
     * again when Redis does not know it ({@code NOSCRIPT}: a restarted Redis forgot its scripts).
     */
    private <T> T script(String body, ScriptOutputType type, String[] keys, List<String> args) throws Unavailable {
        String[] a = args.toArray(String[]::new);
        try {
            String sha = shas.computeIfAbsent(body, b -> redis.digest(b));
            try {
                return redis.evalsha(sha, type, keys, a);
            } catch (RedisNoScriptException e) {
                return redis.eval(body, type, keys, a);
            }
        } catch (RuntimeException e) {
            throw new Unavailable(e);
        }
    }

    /** The reader: XREAD BLOCK over every followed room, each from the last id read; survives Redis going away. */
    private void read() {
        RedisCommands<String, String> r = readerConnection.sync();
        long failures = 0;
        while (running.get()) {
            Map<String, String> from = Map.copyOf(follow);
            if (from.isEmpty()) {
                sleep(50);
                continue;
            }
            @SuppressWarnings("unchecked")
            XReadArgs.StreamOffset<String>[] offsets = from.entrySet().stream()
                    .map(e -> XReadArgs.StreamOffset.from(e.getKey(), e.getValue())).toArray(XReadArgs.StreamOffset[]::new);
            try {
                List<StreamMessage<String, String>> got = r.xread(XReadArgs.Builder.block(Duration.ofMillis(200)).count(1000), offsets);
                failures = 0;
                for (StreamMessage<String, String> m : got) {
                    String room = m.getStream().substring("chat:room:".length());
                    listener.message(stored(room, m));
                    follow.put(m.getStream(), m.getId());
                }
            } catch (RedisException e) {
                if (!running.get()) {
                    return;
                }
                failures++;
                log.debug("redis: reading the room streams failed ({}); retrying", e.toString());
                sleep(Math.min(1000, 50 * failures));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many times the connection to Redis was lost (each logged once). */
    public long outages() {
        return outages.get();
    }

    /** Whether the last connection event said Redis is reachable. */
    public boolean reachable() {
        return !down.get() && connection.isOpen();
    }

    /** Removes this instance's presence (a graceful stop; a crash leaves it to the TTL) and disconnects. */
    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        try {
            if (reader != null) {
                reader.join(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pubsub.close();
        readerConnection.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        client.getResources().shutdown();
    }
}
