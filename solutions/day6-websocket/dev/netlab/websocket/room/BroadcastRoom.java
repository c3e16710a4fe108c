package dev.netlab.websocket.room;

import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.message.Message;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A room where every message one member sends goes to every member, with backpressure per
 * receiver: each member has a bounded queue and a writer (a virtual thread) that drains it.
 * {@link #broadcast} only ever offers to queues, so a receiver that stops reading — its TCP
 * window fills, its writer blocks — holds up nobody else. When its queue is full, the policy is
 * explicit: it is dropped with {@link #SLOW_CONSUMER} (1008, policy violation), its queue
 * discarded; if the Close cannot get through within {@code closeGrace} (its writer is stuck),
 * the transport is aborted.
 *
 * <pre>
 *   broadcast(m) ──offer──▶ [queue A] ──writer A──▶ socket A   (reads: drained)
 *               ──offer──▶ [queue B] ──writer B──▶ socket B   (stopped reading: full → dropped, 1008)
 * </pre>
 */
public final class BroadcastRoom {
    /** The close code a slow consumer is dropped with. */
    public static final CloseCode SLOW_CONSUMER = CloseCode.POLICY_VIOLATION;

    private final int queueCapacity;
    private final Duration closeGrace;
    private final Set<Member> members = ConcurrentHashMap.newKeySet();

    /**
     * @param queueCapacity messages waiting per member before it counts as a slow consumer
     * @param closeGrace how long a dropped member's Close may take before the transport is aborted
     */
    public BroadcastRoom(int queueCapacity, Duration closeGrace) {
        this.queueCapacity = queueCapacity;
        this.closeGrace = closeGrace;
    }

    /** A handle on one member's place in the room. */
    public final class Member {
        private final RoomMember receiver;
        private final BlockingQueue<Message> queue = new ArrayBlockingQueue<>(queueCapacity);
        private final Thread writer;
        private volatile boolean gone;

        private Member(RoomMember receiver) {
            this.receiver = receiver;
            this.writer = Thread.ofVirtual().name("room-writer").unstarted(this::drain);
        }

        private void drain() {
            try {
                while (!gone) {
                    Message m = queue.poll(1, TimeUnit.SECONDS);
                    if (m != null && !gone) {
                        receiver.send(m);
                    }
                }
            } catch (InterruptedException | IOException e) {
                leave(this);
            }
        }

        /** Messages waiting for this member. */
        public int queued() {
            return queue.size();
        }
    }

    /** Adds a member and starts its writer. */
    public Member join(RoomMember receiver) {
        Member m = new Member(receiver);
        members.add(m);
        m.writer.start();
        return m;
    }

    /** Removes a member (it left, or its connection closed); its queued messages are dropped. */
    public void leave(Member member) {
        if (members.remove(member)) {
            member.gone = true;
            member.queue.clear();
            member.writer.interrupt();
        }
    }

    /** Members in the room. */
    public int size() {
        return members.size();
    }

    /**
     * Queues {@code message} for every member without blocking; a member whose queue is full is
     * dropped as a slow consumer. Returns how many members it was queued for.
     */
    public int broadcast(Message message) {
        int queued = 0;
        List<Member> slow = new ArrayList<>();
        for (Member m : members) {
            if (m.queue.offer(message)) {
                queued++;
            } else {
                slow.add(m);
            }
        }
        for (Member m : slow) {
            drop(m);
        }
        return queued;
    }

    private void drop(Member m) {
        if (!members.remove(m)) {
            return;
        }
        m.gone = true;
        m.queue.clear();
        // never block the broadcaster: the Close may wait behind the member's stuck write
        Thread closer = Thread.ofVirtual().name("room-drop").start(() ->
                m.receiver.close(SLOW_CONSUMER.code(), "slow consumer: " + queueCapacity + " messages queued"));
        Thread.ofVirtual().name("room-abort").start(() -> {
            try {
                if (!closer.join(closeGrace)) {
                    m.receiver.abort();
                }
            } catch (InterruptedException e) {
                m.receiver.abort();
            }
            m.writer.interrupt();
        });
    }
}
