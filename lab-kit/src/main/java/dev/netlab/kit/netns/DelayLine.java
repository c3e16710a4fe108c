package dev.netlab.kit.netns;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A link with real-world conditions between two lab hosts, for a kernel without {@code netem}:
 * each host gets a TUN device ({@code tun0}), and this JVM relays the IP packets between the two
 * devices, holding each one back for the direction's delay (± jitter), dropping some at random,
 * letting some overtake the others; the bottleneck rate is the kernel's own token bucket
 * ({@code tc qdisc ... tbf}) on each TUN device, so a packet first waits for its turn at the
 * rate, then travels the delay — the order of a real path (a queue at the bottleneck, then
 * the propagation delay).
 *
 * <pre>
 *   near (10.93.0.1)                       this JVM                        far (10.93.0.2)
 *   ┌──────────────┐  tbf  ┌───────────────────────────────────┐  tbf  ┌──────────────┐
 *   │ kernel ─ tun0├──────►│ read → loss? → hold delay±jitter → write ├──────►│tun0 ─ kernel │
 *   │              │◄──────┤ write ← hold ← loss? ← read       │◄──────┤              │
 *   └──────────────┘       └───────────────────────────────────┘       └──────────────┘
 * </pre>
 *
 * <pre>{@code
 * try (LabNetwork net = LabNetwork.create()) {
 *     LinkConditions way = LinkConditions.NONE.withDelay(Duration.ofMillis(20)).withLoss(1);
 *     DelayLine line = DelayLine.create(net, way, way);      // closed with the network
 *     line.near().exec(Duration.ofSeconds(10), "ping", "-c", "3", DelayLine.FAR_ADDRESS);  // ~40 ms
 * }
 * }</pre>
 *
 * The relay threads are platform threads of this JVM, so the delay is as precise as the
 * scheduler wakes them: a few tens of microseconds on an idle machine, more on a loaded one
 * ({@link #stats} counts what happened). Both TUN devices vanish when the line closes; the
 * {@link LabNetwork} it was made in closes it first.
 */
public final class DelayLine implements AutoCloseable {
    public static final String NEAR_ADDRESS = "10.93.0.1";
    public static final String FAR_ADDRESS = "10.93.0.2";
    public static final String DEVICE = "tun0";
    static final int MTU = 1500;
    /** A bound on what one direction holds: far more than any bandwidth-delay product of the lab. */
    static final int MAX_HELD_PACKETS = 100_000;
    private static final int POLL_MILLIS = 50;

    private final NetHost near;
    private final NetHost far;
    private final TunDevice nearTun;
    private final TunDevice farTun;
    private final Direction toFar;
    private final Direction toNear;
    private volatile boolean running = true;

    /** The conditions a direction adds, and what it did so far. */
    public record Stats(long forwarded, long dropped, long reordered, long overflowed) {}

    private DelayLine(NetHost near, NetHost far, TunDevice nearTun, TunDevice farTun,
                      LinkConditions toFar, LinkConditions toNear, long seed) {
        this.near = near;
        this.far = far;
        this.nearTun = nearTun;
        this.farTun = farTun;
        this.toFar = new Direction("to-far", nearTun, farTun, toFar, new SplittableRandom(seed));
        this.toNear = new Direction("to-near", farTun, nearTun, toNear, new SplittableRandom(seed ^ 0x5DEECE66DL));
    }

    /** Two new hosts of {@code net}, "near" and "far", joined by a delay line; a random seed. */
    public static DelayLine create(LabNetwork net, LinkConditions toFar, LinkConditions toNear) throws Exception {
        return create(net, toFar, toNear, System.nanoTime());
    }

    /**
     * Two new hosts of {@code net}, "near" ({@value #NEAR_ADDRESS}) and "far"
     * ({@value #FAR_ADDRESS}), joined by a delay line with the given conditions per direction;
     * {@code seed} makes the loss and reordering decisions repeatable (their timing is not).
     */
    public static DelayLine create(LabNetwork net, LinkConditions toFar, LinkConditions toNear, long seed) throws Exception {
        NetHost near = net.host("near");
        NetHost far = net.host("far");
        TunDevice nearTun = near.run(() -> TunDevice.open(DEVICE));
        TunDevice farTun;
        try {
            farTun = far.run(() -> TunDevice.open(DEVICE));
        } catch (Exception e) {
            nearTun.close();
            throw e;
        }
        DelayLine line = new DelayLine(near, far, nearTun, farTun, toFar, toNear, seed);
        net.closeFirst(line);
        try {
            Duration rtt = toFar.delay().plus(toNear.delay());
            configure(near, NEAR_ADDRESS, FAR_ADDRESS, toFar, rtt);
            configure(far, FAR_ADDRESS, NEAR_ADDRESS, toNear, rtt);
            line.toFar.start();
            line.toNear.start();
            return line;
        } catch (RuntimeException e) {
            line.close();
            throw e;
        }
    }

    private static void configure(NetHost host, String local, String peer, LinkConditions out, Duration rtt) {
        String ns = host.namespace();
        LabNetwork.ip("-n", ns, "addr", "add", local, "peer", peer, "dev", DEVICE);
        LabNetwork.ip("-n", ns, "link", "set", DEVICE, "mtu", Integer.toString(MTU), "up");
        if (out.rateBitsPerSecond() > 0) {
            long bytesPerSecond = out.rateBitsPerSecond() / 8;
            // burst: 4 ms at the rate, at least a few packets; limit: what waits for tokens
            long burst = Math.max(10 * 1024, bytesPerSecond / 250);
            long limit = out.queueBytes() > 0 ? out.queueBytes()
                    : Math.max(32 * 1024, bytesPerSecond * Math.max(1, rtt.toMillis()) / 1000);
            host.exec(LabNetwork.COMMAND_TIMEOUT, "tc", "qdisc", "replace", "dev", DEVICE, "root", "tbf",
                    "rate", LinkConditions.rateText(out.rateBitsPerSecond()),
                    "burst", Long.toString(burst), "limit", Long.toString(limit)).assertSuccess();
        }
    }

    /** The host at {@value #NEAR_ADDRESS} (the client side, by convention). */
    public NetHost near() {
        return near;
    }

    /** The host at {@value #FAR_ADDRESS} (the server side, by convention). */
    public NetHost far() {
        return far;
    }

    public LinkConditions toFarConditions() {
        return toFar.conditions;
    }

    public LinkConditions toNearConditions() {
        return toNear.conditions;
    }

    /** What the near-to-far direction did so far. */
    public Stats toFarStats() {
        return toFar.stats();
    }

    /** What the far-to-near direction did so far. */
    public Stats toNearStats() {
        return toNear.stats();
    }

    /** Stops relaying (within ~{@value #POLL_MILLIS} ms) and removes both TUN devices. Idempotent. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        for (Direction d : List.of(toFar, toNear)) {
            d.stop();
        }
        nearTun.close();
        farTun.close();
    }

    /** A packet held in the line until its departure time; ties leave in arrival order. */
    private record Held(byte[] packet, int length, long departureNanos, long sequence) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(departureNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Held o = (Held) other;
            int c = Long.compare(departureNanos - o.departureNanos, 0);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    /** One direction: a reader thread that decides each packet's fate, a sender that releases them on time. */
    private final class Direction {
        final String name;
        final TunDevice from;
        final TunDevice to;
        final LinkConditions conditions;
        final SplittableRandom random;
        final DelayQueue<Held> line = new DelayQueue<>();
        final AtomicLong forwarded = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong reordered = new AtomicLong();
        final AtomicLong overflowed = new AtomicLong();
        Thread reader;
        Thread sender;
        long lastDeparture = Long.MIN_VALUE;
        long sequence;

        Direction(String name, TunDevice from, TunDevice to, LinkConditions conditions, SplittableRandom random) {
            this.name = name;
            this.from = from;
            this.to = to;
            this.conditions = conditions;
            this.random = random;
        }

        void start() {
            reader = Thread.ofPlatform().daemon().name("delay-line-" + name + "-in").start(this::readLoop);
            sender = Thread.ofPlatform().daemon().name("delay-line-" + name + "-out").start(this::sendLoop);
        }

        Stats stats() {
            return new Stats(forwarded.get(), dropped.get(), reordered.get(), overflowed.get());
        }

        private void readLoop() {
            byte[] buf = new byte[TunDevice.MAX_PACKET];
            long delay = conditions.delay().toNanos();
            long jitter = conditions.jitter().toNanos();
            TunDevice.urgent();
            try {
                while (running) {
                    int n = from.read(buf, POLL_MILLIS);
                    if (n <= 0) {
                        continue;
                    }
                    long now = System.nanoTime();
                    if (conditions.lossPercent() > 0 && random.nextDouble() * 100 < conditions.lossPercent()) {
                        dropped.incrementAndGet();
                        continue;
                    }
                    if (line.size() >= MAX_HELD_PACKETS) {
                        overflowed.incrementAndGet();
                        continue;
                    }
                    long departure;
                    if (conditions.reorderPercent() > 0 && random.nextDouble() * 100 < conditions.reorderPercent()) {
                        departure = now; // netem's reorder: this one goes at once, ahead of those held
                        reordered.incrementAndGet();
                    } else {
                        long d = jitter == 0 ? delay : delay - jitter + (long) (random.nextDouble() * 2 * jitter);
                        departure = now + d;
                        if (lastDeparture != Long.MIN_VALUE && departure - lastDeparture < 0) {
                            departure = lastDeparture; // jitter never reorders: a link is a FIFO
                        }
                        lastDeparture = departure;
                    }
                    byte[] copy = java.util.Arrays.copyOf(buf, n);
                    line.put(new Held(copy, n, departure, sequence++));
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    System.err.println("delay line " + name + " stopped reading: " + e);
                }
            }
        }

        private void sendLoop() {
            TunDevice.preciseWakeUps();
            TunDevice.urgent();
            try {
                while (running) {
                    Held h = line.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (h == null) {
                        continue;
                    }
                    try {
                        to.write(h.packet(), h.length());
                        forwarded.incrementAndGet();
                    } catch (IOException e) {
                        dropped.incrementAndGet(); // the kernel refused it: as lost on the wire
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            for (Thread t : new Thread[] {reader, sender}) {
                if (t != null) {
                    try {
                        t.join(Duration.ofSeconds(2));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            line.clear();
        }
    }
}
