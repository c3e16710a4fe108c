package dev.netlab.websocket.room;

import dev.netlab.kit.StubException;
import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.message.Message;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;

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

    /**
     * @param queueCapacity messages waiting per member before it counts as a slow consumer
     * @param closeGrace how long a dropped member's Close may take before the transport is aborted
     */
    public BroadcastRoom(int queueCapacity, Duration closeGrace) {
        // keep the capacity and the grace; a concurrent set of members
    }
    /** A handle on one member's place in the room: its bounded queue and its writer. */
    public final class Member {
        // the receiver, an ArrayBlockingQueue of queueCapacity messages, a virtual-thread writer draining it

        /** Messages waiting for this member. */
        public int queued() {
            throw StubException.notImplemented("6.13", "A broadcast room with backpressure", "day6-websocket/README.md#a-broadcast-room");
        }
    }


    /**
     * Adds a member and starts its writer: a virtual thread that takes messages from the member's queue in
     * order and calls {@code receiver.send}; when send throws, the member leaves.
     */
    public Member join(RoomMember receiver) {
        throw StubException.notImplemented("6.13", "A broadcast room with backpressure", "day6-websocket/README.md#a-broadcast-room");
    }

    /** Removes a member (it left, or its connection closed); its queued messages are dropped. */
    public void leave(Member member) {
        throw StubException.notImplemented("6.13", "A broadcast room with backpressure", "day6-websocket/README.md#a-broadcast-room");
    }

    /** Members in the room. */
    public int size() {
        throw StubException.notImplemented("6.13", "A broadcast room with backpressure", "day6-websocket/README.md#a-broadcast-room");
    }

    /**
     * Queues {@code message} for every member without blocking ({@code offer}, never {@code put}); a member whose queue is full is
     * dropped as a slow consumer. Returns how many members it was queued for.
     */
    public int broadcast(Message message) {
        throw StubException.notImplemented("6.13", "A broadcast room with backpressure", "day6-websocket/README.md#a-broadcast-room");
    }
}
