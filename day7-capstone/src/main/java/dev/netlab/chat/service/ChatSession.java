package dev.netlab.chat.service;

import dev.netlab.chat.ChatError;
import dev.netlab.chat.ChatException;
import dev.netlab.chat.limit.TokenBucket;
import dev.netlab.chat.protocol.ClientMessage;
import dev.netlab.chat.protocol.ServerMessage;
import dev.netlab.chat.room.Outbound;
import dev.netlab.chat.room.Outbox;
import dev.netlab.chat.room.Subscriber;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection inside the chat: its reader side ({@link #onText}, on the transport's
 * thread: decode, rate-limit, hand to the sequencer), its outbox, and its writer (the loop that
 * sends what the outbox holds, as fast as the peer reads), run on a lane of the service's
 * {@link WriterPool} (or, with {@code -Dnetlab.chat.writerLanes=0} and for a member whose send
 * once blocked its lane, on a virtual thread of its own).
 *
 * <pre>
 *   transport ──onText──► decode ─► token bucket ─► sequencer queue ─► rooms, history
 *   transport ◄──send──── writer thread ◄── outbox ◄── replies, fan-out
 * </pre>
 *
 * <p>The writer runs only while there is something to do: an offer starts one if none is
 * running, and it ends when the outbox is empty. A writer per connection waiting on its outbox
 * looked simpler, but with 10,000 members it was 10,000 parked threads, each wait armed a timer
 * of the JDK's scheduler and each delivery woke one up again (the bench's profile showed the
 * timers and the wake-ups); a writer that is started when a frame arrives and ends when the
 * outbox runs dry costs one start per burst and nothing while the member is idle. The same
 * rules hold: one writer at a time (frames leave in order), and the last one applies the close
 * that fits once the outbox is finished ({@link WriterPool} says why a few platform threads run
 * them rather than a virtual thread each). The writers a fan-out needs are started beside the
 * sequencer, on its {@link WriterStarts} thread, once their frames are queued: the sequencer only
 * queues, and every member of a room waits for it.
 *
 * <p>A writer that finds more than one frame queued sends them as a run (at most {@link #MAX_RUN}):
 * each frame but the last with {@code more}, so the transport holds it and the run leaves in one
 * write: one TLS record and one syscall instead of one per frame (day 7's {@code CorkedOutput};
 * Netty's baseline does the same with {@code write} and one {@code flush}). A member is sent a
 * run only when it fell behind (a pause of the collector, a burst of messages), which is exactly
 * when the CPU is short: the batching grows with the backlog and costs nothing without one. The
 * writer takes the next frame before it sends one, so {@code more} is a promise it keeps.
 *
 * <p>The slow-consumer policy has two bounds. Size: the offer that overflows the outbox (your
 * 7.04) starts the drop. Time: a writer that has frames to send and has sent none for
 * {@link dev.netlab.chat.ChatLimits#outboxMaxWaitMillis} (10 s) is dropped too — the frame it is
 * sending, or the oldest queued behind it, has waited that long. Without it a member that reads
 * nothing in a quiet room (a few messages a second never fill 4 Mi characters) kept its
 * connection, its outbox and a writer blocked in a send for as long as its transport let it.
 * The service's watch ({@link ChatService}) calls {@link #checkStall} about every second: the
 * outbox has no clock, and the frame in flight has already left it. (NATS drops a slow consumer
 * the same two ways: {@code max_pending} and {@code write_deadline}.)
 *
 * <p>How a drop reaches the peer depends on whether the peer can still receive anything. A
 * writer whose send returns closes with 1013 ({@code slow_consumer}); one whose send is still
 * blocked a second after the overflow (or at once, when the time bound is the cause: it waited
 * long enough) is interrupted: the send fails, the transport is closed (the JDK closes a socket
 * whose virtual thread is interrupted in a write; day 5 resets an h2 stream whose write waited
 * for credit), and the peer, whose window is full, sees TCP end or RST_STREAM, not a Close it
 * could not have read. The Close itself is never interrupted: once the writer is back from its
 * send, the engine's close timeout (1 s) bounds the Close's write and the peer's answer.
 */
public final class ChatSession implements Subscriber {
    private static final Logger log = LoggerFactory.getLogger(ChatSession.class);

    private final ChatService service;
    private final ChatLink link;
    private final Outbox outbox;
    private final TokenBucket bucket;
    /**
     * How long a dropped slow consumer's writer may take to come back from the send it is blocked
     * in (and close with 1013) before it is interrupted: a peer that reads nothing keeps that send
     * blocked for as long as its transport lets it (a full TCP buffer until the idle timeout; an h2
     * stream without flow-control credit until day 5's stall timeout, 30 s).
     */
    private static final java.time.Duration DROP_GRACE = java.time.Duration.ofSeconds(1);

    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean dropping = new AtomicBoolean();
    /** The time bound was crossed (see {@link #checkStall}): the writer stops and drops the connection. */
    private volatile boolean stalled;
    /** When the running writer last made progress (it started, or a send returned); {@link System#nanoTime()}. */
    private volatile long progressNanos;
    /** The writer is inside a send of a frame (not the Close): only there may a drop interrupt it. */
    private boolean inSend; // guarded by sendLock
    /** When the send in progress began ({@link System#nanoTime()}): for {@link #sendingFor}. */
    private long sendStartedNanos; // guarded by sendLock
    /** A drop interrupted (or tried to interrupt) the send in progress. */
    private boolean sendInterrupted; // guarded by sendLock
    private final Object sendLock = new Object();
    private final long maxWaitNanos;
    private volatile int closeCode;
    private volatile String closeReason = "";
    private final String writerName;
    /** The {@link WriterPool} lane this member's writers run on, unless {@link #ownWriter}. */
    private final int lane;
    private volatile boolean ownWriter;
    /**
     * A writer is running (or about to): at most one at a time. A field of the session rather than
     * an {@code AtomicBoolean}: the fan-out reads it for every member of a room, and a field is one
     * object fewer to reach per member.
     */
    private volatile boolean writing = true; // until start()
    private static final VarHandle WRITING;
    static {
        try {
            WRITING = MethodHandles.lookup().findVarHandle(ChatSession.class, "writing", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** The running writer, for {@link #interruptWriter}. */
    private final AtomicReference<Thread> writer = new AtomicReference<>();
    /** Counted down once the outbox is finished and the close that fits was made. */
    private final CountDownLatch ended = new CountDownLatch(1);
    /**
     * The most frames one write may carry (a run's frames are held by the transport until its last):
     * bounds how long a frame can be held behind others, and the writer's bookkeeping.
     */
    private static final int MAX_RUN = Math.clamp(Integer.getInteger("netlab.chat.maxRun", 32), 1, 1024); // 1: no runs (an experiment)

    ChatSession(ChatService service, ChatLink link) {
        this.service = service;
        this.link = link;
        this.outbox = new Outbox(service.limits().outboxMessages(), service.limits().outboxChars());
        this.bucket = new TokenBucket(service.limits().ratePerSecond(), service.limits().rateBurst(), System.nanoTime());
        this.writerName = "chat-writer-" + link.peer();
        this.lane = service.writers() == null ? 0 : service.writers().laneFor();
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(service.limits().outboxMaxWaitMillis());
    }

    /** Frames offered before this wait for it (the session is not registered yet). */
    void start() {
        writing = false;
        kick(false);
    }

    /**
     * Starts a writer if there is work (frames, or a finished outbox to close) and none is running.
     * {@code queued}: the caller has just queued a frame, so there is work and the session has not
     * ended (an ended session's outbox refuses offers) — the fan-out's path, which then asks the
     * outbox nothing more.
     */
    private void kick(boolean queued) {
        if (!writing && (queued || ended.getCount() > 0 && (outbox.size() > 0 || outbox.finished()))
                && WRITING.compareAndSet(this, false, true) && !WriterStarts.deferred(this)) {
            startWriter();
        }
    }

    /** Starts the writer {@link #kick} decided on (here, or on the sequencer's {@link WriterStarts} thread). */
    void startWriter() {
        WriterPool pool = service.writers();
        if (pool == null || ownWriter || !pool.run(lane, this)) {
            Thread.ofVirtual().name(writerName).start(this::write);
        }
    }

    /** Runs the writer on the calling thread (a lane of the {@link WriterPool}). */
    void runWriter() {
        write();
    }

    /**
     * How long the running writer has been inside its current send of a frame, 0 if it is not in
     * one: for the {@link WriterPool}'s watch.
     */
    long sendingFor(long nowNanos) {
        synchronized (sendLock) {
            return inSend ? Math.max(0, nowNanos - sendStartedNanos) : 0;
        }
    }

    /**
     * A send of this member's blocked its lane (the {@link WriterPool} went on without it): its
     * writers run on a virtual thread of their own from now on, as a member that reads slowly
     * would block its lane again.
     */
    void ownWriter() {
        ownWriter = true;
    }

    /** One text message from the client (the transport's reader thread). */
    public void onText(String text) {
        long received = System.nanoTime();
        service.metrics().received(text.getBytes(StandardCharsets.UTF_8).length);
        ClientMessage message;
        try {
            message = service.codec().decode(text);
        } catch (ChatException e) {
            reply(new ServerMessage.Error(e.code(), e.getMessage(), null));
            return;
        }
        if (message instanceof ClientMessage.Send send) {
            long wait = bucket.tryTake(received);
            if (wait > 0) {
                service.metrics().rateLimited();
                long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait));
                reply(new ServerMessage.Error(ChatError.RATE_LIMITED, "too fast: the next message in " + ms + " ms", send.ref()));
                return;
            }
            service.metrics().messageReceived();
        }
        if (!service.sequencer().submit(new Command.FromClient(this, message, received))) {
            reply(new ServerMessage.Error(ChatError.GOING_AWAY, "the server is shutting down", null));
        }
    }

    /** The connection is gone (the transport's reader thread, once). */
    public void onClosed() {
        if (closed.compareAndSet(false, true)) {
            outbox.close();
            kick(false);
            service.sequencer().submit(new Command.Disconnected(this));
            service.released(this);
        }
    }

    /** Never blocks (the fan-out calls it); the offer that overflows the outbox starts the drop. */
    @Override
    public boolean offer(Outbound frame) {
        boolean queued = outbox.offer(frame);
        kick(queued); // a refused offer may have overflowed the outbox: a writer applies the slow-consumer policy
        if (!queued && outbox.overflowed() && dropping.compareAndSet(false, true)) {
            // The writer drops the connection (1013) once its current send returns; a peer that reads
            // nothing may keep that send blocked for the transport's own timeouts, with this session,
            // its writer and the transport held all the while. Give it a second, then interrupt it:
            // the blocked send fails (an h2 stream's write waiting for credit, or a socket write, which
            // the JDK ends by closing the socket) and the writer goes on to the drop.
            Thread.ofVirtual().name("chat-drop-" + link.peer()).start(() -> {
                try {
                    if (!ended.await(DROP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                        interruptSend();
                    }
                } catch (InterruptedException e) {
                    interruptSend();
                }
            });
        }
        return queued;
    }

    /**
     * The time bound of the slow-consumer policy, checked by the service's watch: a writer that has
     * had something to send and has sent nothing for {@code outboxMaxWaitMillis} is stopped, and its
     * blocked send interrupted at once (it had its time); the writer then closes with 1013 as after
     * an overflow. True if this call started the drop.
     */
    boolean checkStall(long nowNanos) {
        if (writer.get() == null || nowNanos - progressNanos <= maxWaitNanos || closed.get() || stalled) {
            return false;
        }
        if (!dropping.compareAndSet(false, true)) {
            return false; // an overflow's drop is under way
        }
        stalled = true;
        outbox.close(); // later offers are refused; the writer takes nothing more
        kick(false);
        interruptSend();
        return true;
    }

    /** Dropped as a slow consumer: the outbox overflowed, or the writer stalled past the time bound. */
    private boolean dropped() {
        return stalled || outbox.overflowed();
    }

    /** Encodes and queues one reply to this client. */
    void reply(ServerMessage message) {
        if (message instanceof ServerMessage.Error) {
            service.metrics().error();
        }
        offer(Outbound.of(service.codec().encode(message)));
    }

    /** Sends what is queued, then closes the connection with {@code error}'s close code (shutdown, server full). */
    void closeAfterQueued(ChatError error, String reason) {
        closeCode = error.closeCode();
        closeReason = reason;
        outbox.close();
        kick(false);
    }

    /**
     * The writer: outbox → link while the outbox has frames; when it is finished (closed and
     * drained, or overflowed), the close that fits, once.
     */
    private void write() {
        progressNanos = System.nanoTime();
        writer.set(Thread.currentThread());
        try {
            Outbound next = null;
            int run = 0; // frames of the current run sent with more = true (held by the transport)
            Outbound[] held = null; // those frames, counted in the metrics once the run's last has left
            while (true) {
                if (stalled) {
                    break;
                }
                Outbound frame = next != null ? next : outbox.take(0); // never waits: the writer ends when there is nothing to send
                next = null;
                if (frame != null) {
                    // A run of frames queued for this member leaves in one write (see ChatLink#send(Outbound,
                    // boolean)): the next frame is taken before this one is sent, so "more" is a promise kept.
                    next = run + 1 < MAX_RUN ? outbox.take(0) : null;
                    synchronized (sendLock) {
                        inSend = true;
                        sendStartedNanos = System.nanoTime();
                    }
                    boolean sent = false;
                    try {
                        link.send(frame, next != null);
                        sent = true;
                    } finally {
                        synchronized (sendLock) {
                            inSend = false;
                            if (sent && sendInterrupted) {
                                Thread.interrupted(); // too late: the send returned, and the Close may go out
                            }
                        }
                    }
                    long now = System.nanoTime();
                    progressNanos = now;
                    if (next != null) {
                        if (held == null) {
                            held = new Outbound[MAX_RUN]; // only a writer that fell behind needs it
                        }
                        held[run++] = frame;
                        continue;
                    }
                    for (int i = 0; i < run; i++) {
                        sent(held[i], now);
                        held[i] = null;
                    }
                    sent(frame, now);
                    service.metrics().wrote();
                    run = 0;
                    continue;
                }
                if (outbox.finished()) {
                    break;
                }
                writer.set(null);
                writing = false;
                // an offer between take() and here saw a writer running and started none: look again
                if (outbox.size() == 0 && !outbox.finished() || !WRITING.compareAndSet(this, false, true)) {
                    return;
                }
                progressNanos = System.nanoTime();
                writer.set(Thread.currentThread());
            }
            if (dropped()) {
                // the slow-consumer policy: drop the connection; the client resumes from its last id
                service.metrics().slowConsumer();
                link.close(ChatError.SLOW_CONSUMER.closeCode(), "too slow: reconnect and resume");
            } else if (closeCode != 0) {
                link.close(closeCode, closeReason);
            }
        } catch (IOException | InterruptedException e) {
            if (dropped()) {
                // dropped while a send was blocked (see offer): the Close still goes out if it can, and
                // the engine's close timeout ends the transport if it cannot
                Thread.interrupted();
                service.metrics().slowConsumer();
                link.close(ChatError.SLOW_CONSUMER.closeCode(), "too slow: reconnect and resume");
            } else if (e instanceof InterruptedException) {
                link.close(ChatError.GOING_AWAY.closeCode(), "server stopping");
            } else {
                log.debug("writing to {} failed: {}", link.peer(), e.toString());
                link.close(1011, "write failed");
            }
        }
        // the end: this writer stays the last (writing stays true), and later offers start none
        ended.countDown();
        writer.set(null);
    }

    private void sent(Outbound frame, long now) {
        long latency = frame.receivedNanos() == 0 ? 0 : Math.max(1, now - frame.receivedNanos());
        service.metrics().sent(frame.octets(), latency);
    }

    /** Waits for the writer to finish, at most {@code millis}. */
    boolean awaitWriter(long millis) throws InterruptedException {
        return ended.await(Math.max(1, millis), TimeUnit.MILLISECONDS);
    }

    /** Interrupts the writer if it is inside a send of a frame (blocked on a peer that stopped reading), not in its Close. */
    private void interruptSend() {
        Thread t;
        synchronized (sendLock) {
            t = writer.get();
            if (t == null || !inSend) {
                return;
            }
            sendInterrupted = true;
            t.interrupt();
        }
        abortIfPlatform(t);
    }

    /** A platform thread (a {@link WriterPool} lane) blocked in a socket write ignores an interrupt: the transport is aborted too. */
    private void abortIfPlatform(Thread writer) {
        if (!writer.isVirtual()) {
            link.abort();
        }
    }

    /** Interrupts the running writer (a send blocked on a peer that stopped reading: the transport is closed). */
    void interruptWriter() {
        Thread t = writer.get();
        if (t != null) {
            t.interrupt();
            abortIfPlatform(t);
        }
    }

    public String peer() {
        return link.peer();
    }
}
