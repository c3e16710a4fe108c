package dev.netlab.websocket.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.Frames;
import dev.netlab.websocket.RawClient;
import dev.netlab.websocket.TestServer;
import dev.netlab.websocket.message.Message;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The room. Mistakes it catches: broadcasting by calling every member's send in turn (one
 * stuck reader stalls the room), an unbounded queue (a stuck reader eats the heap), a full
 * queue that blocks the broadcaster instead of dropping the member, a drop without a close
 * code or with the wrong one, a Close that waits forever behind a stuck write (no abort),
 * messages out of order, a member that left still written to. Killed since the PIT run of
 * 2026-12-06: a leave() that only removes the member from the set (its writer goes on with the
 * queue) or keeps its queue, and {@code queued()} answering 0 ({@code leaveDropsTheQueue}); a
 * dropped member's queue kept ({@code slowConsumer}); a member whose send threw left in the room
 * ({@code failedSendLeaves}). Left alone: the writer not interrupted by leave() or after a drop
 * (it ends at its next poll, within a second, or when the closed connection fails the write in
 * its hands); the abort when the thread waiting out the grace is interrupted (nothing interrupts
 * it).
 */
@Checkpoint(id = "6.13", title = "A broadcast room with backpressure",
        edit = "dev/netlab/websocket/room/BroadcastRoom.java",
        hint = "broadcast only offers to each member's bounded queue; each member's own writer thread drains it; a full queue means: drop it with 1008, abort if the Close cannot get out",
        readme = "#a-broadcast-room")
class BroadcastRoomTest {
    /** A member that records what it gets; optionally blocks in send until released. */
    static final class Recorder implements RoomMember {
        final List<String> got = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final boolean stuck;
        volatile int closedWith = -1;
        final AtomicBoolean aborted = new AtomicBoolean();
        final boolean closeBlocks;

        Recorder(boolean stuck, boolean closeBlocks) {
            this.stuck = stuck;
            this.closeBlocks = closeBlocks;
        }

        @Override
        public void send(Message message) throws IOException {
            if (stuck) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException("interrupted");
                }
                if (aborted.get()) {
                    throw new IOException("aborted");
                }
            }
            got.add(message.text());
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
            if (closeBlocks) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // aborted
                }
            }
        }

        @Override
        public void abort() {
            aborted.set(true);
            release.countDown();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    @DisplayName("every member gets every message, in order")
    void fanOut() throws Exception {
        BroadcastRoom room = new BroadcastRoom(1000, Duration.ofSeconds(1));
        List<Recorder> members = List.of(new Recorder(false, false), new Recorder(false, false), new Recorder(false, false));
        members.forEach(room::join);
        assertThat(room.size()).isEqualTo(3);
        for (int i = 0; i < 500; i++) {
            assertThat(room.broadcast(Message.text("m" + i))).isEqualTo(3);
        }
        await(() -> members.stream().allMatch(m -> m.got.size() == 500), Duration.ofSeconds(10));
        for (Recorder m : members) {
            assertThat(m.got).hasSize(500);
            assertThat(m.got.get(0)).isEqualTo("m0");
            assertThat(m.got.get(499)).isEqualTo("m499");
            for (int i = 0; i < 500; i++) {
                assertThat(m.got.get(i)).isEqualTo("m" + i);
            }
        }
    }

    @Test
    @DisplayName("a member that stops reading never stalls the others; its full queue drops it with 1008, then aborts its transport")
    void slowConsumer() throws Exception {
        BroadcastRoom room = new BroadcastRoom(16, Duration.ofMillis(300));
        Recorder fast = new Recorder(false, false);
        Recorder stuck = new Recorder(true, true);
        room.join(fast);
        BroadcastRoom.Member stuckMember = room.join(stuck);
        long start = System.nanoTime();
        int queuedForBoth = 0;
        for (int i = 0; i < 1000; i++) {
            if (room.broadcast(Message.text("m" + i)) == 2) {
                queuedForBoth++;
            }
            int sent = i + 1;
            await(() -> fast.got.size() >= sent - 8, Duration.ofSeconds(5)); // a reader that keeps up: never 16 behind
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMs).as("1,000 broadcasts never wait for the stuck member").isLessThan(20_000);
        assertThat(queuedForBoth).as("the stuck member took at most its queue (16) plus the one in its writer's hands").isBetween(16, 18);
        assertThat(stuckMember.queued()).isLessThanOrEqualTo(16);
        await(() -> fast.got.size() == 1000, Duration.ofSeconds(10));
        assertThat(fast.got).hasSize(1000);
        await(() -> stuck.aborted.get(), Duration.ofSeconds(5));
        assertThat(stuck.closedWith).as("dropped as a slow consumer").isEqualTo(BroadcastRoom.SLOW_CONSUMER.code()).isEqualTo(1008);
        assertThat(stuck.aborted).as("the Close could not get out within the grace: transport aborted").isTrue();
        assertThat(room.size()).isEqualTo(1);
        assertThat(stuckMember.queued()).as("the dropped member's queue is discarded, not kept until its writer ends").isZero();
    }

    @Test
    @DisplayName("a member that leaves gets nothing more")
    void leave() throws Exception {
        BroadcastRoom room = new BroadcastRoom(10, Duration.ofSeconds(1));
        Recorder a = new Recorder(false, false);
        BroadcastRoom.Member member = room.join(a);
        room.broadcast(Message.text("before"));
        await(() -> a.got.size() == 1, Duration.ofSeconds(5));
        room.leave(member);
        assertThat(room.size()).isZero();
        assertThat(room.broadcast(Message.text("after"))).isZero();
        Thread.sleep(200);
        assertThat(a.got).containsExactly("before");
    }

    @Test
    @DisplayName("a member that leaves loses what was still queued for it: nothing more is written to it, its queue is empty")
    void leaveDropsTheQueue() throws Exception {
        BroadcastRoom room = new BroadcastRoom(10, Duration.ofSeconds(1));
        Recorder slow = new Recorder(true, false); // blocks in send until released
        BroadcastRoom.Member member = room.join(slow);
        for (int i = 1; i <= 3; i++) {
            room.broadcast(Message.text("m" + i));
        }
        await(() -> member.queued() == 2, Duration.ofSeconds(5)); // m1 in the writer's hands, m2 and m3 queued
        assertThat(member.queued()).isEqualTo(2);
        room.leave(member);
        assertThat(member.queued()).as("\"its queued messages are dropped\"").isZero();
        slow.release.countDown();
        Thread.sleep(300);
        assertThat(slow.got).as("written after leave()").doesNotContain("m2", "m3");
    }

    @Test
    @DisplayName("a member whose send fails (its connection is gone) leaves the room")
    void failedSendLeaves() throws Exception {
        BroadcastRoom room = new BroadcastRoom(10, Duration.ofSeconds(1));
        Recorder ok = new Recorder(false, false);
        room.join(ok);
        room.join(new RoomMember() {
            @Override
            public void send(Message message) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void close(int code, String reason) {}

            @Override
            public void abort() {}
        });
        assertThat(room.broadcast(Message.text("m1"))).isEqualTo(2);
        await(() -> room.size() == 1, Duration.ofSeconds(5));
        assertThat(room.size()).as("the member whose send threw is out of the room").isEqualTo(1);
        assertThat(room.broadcast(Message.text("m2"))).isEqualTo(1);
        await(() -> ok.got.size() == 2, Duration.ofSeconds(5));
        assertThat(ok.got).containsExactly("m1", "m2");
    }

    @Test
    @DisplayName("over TCP: a client that never reads is dropped while 10 readers each get all 300 messages of 64 KiB")
    void overTcp() throws Exception {
        int readersCount = 10;
        int messages = 300;
        try (TestServer server = TestServer.start(dev.netlab.websocket.connection.ConnectionSettings.server()
                .withCloseTimeout(Duration.ofSeconds(1)), null, 32)) {
            RawClient sleeper = RawClient.open(server.port(), "/room");
            List<RawClient> readers = new java.util.ArrayList<>();
            for (int i = 0; i < readersCount; i++) {
                readers.add(RawClient.open(server.port(), "/room"));
            }
            RawClient sender = readers.get(0);
            await(() -> server.room.size() == readersCount + 1, Duration.ofSeconds(10));
            AtomicInteger complete = new AtomicInteger();
            AtomicInteger[] progress = new AtomicInteger[readersCount];
            List<Thread> threads = new java.util.ArrayList<>();
            for (int i = 0; i < readersCount; i++) {
                RawClient r = readers.get(i);
                AtomicInteger p = progress[i] = new AtomicInteger();
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int n = 0; n < messages; n++) {
                            Frames.Frame f = r.read(Duration.ofSeconds(20));
                            if (f == null || f.payload().length != 65536) {
                                return;
                            }
                            p.incrementAndGet();
                        }
                        complete.incrementAndGet();
                    } catch (IOException e) {
                        // counted as incomplete
                    }
                }));
            }
            byte[] payload = new byte[65536];
            for (int n = 0; n < messages; n++) {
                sender.send(Frames.client(true, Frames.BINARY, payload));
                int sent = n + 1;
                // the readers keep up (never more than a message behind); the sleeper never reads
                await(() -> java.util.Arrays.stream(progress).allMatch(p -> p.get() >= sent), Duration.ofSeconds(10));
            }
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(30));
            }
            assertThat(complete.get()).as("readers that got all %d messages", messages).isEqualTo(readersCount);
            await(() -> server.room.size() == readersCount, Duration.ofSeconds(10));
            assertThat(server.room.size()).as("the sleeper was dropped").isEqualTo(readersCount);
            // the sleeper now reads: what it finds ends with the end of the stream (a Close 1008 first if it got out)
            List<Frames.Frame> rest = sleeper.readUntilClosed(Duration.ofSeconds(20));
            assertThat(rest).as("the server closed TCP").doesNotContainNull();
            Frames.Frame last = rest.isEmpty() ? null : rest.get(rest.size() - 1);
            if (last != null && last.opcode() == Frames.CLOSE) {
                assertThat(last.closeCode()).isEqualTo(1008);
            }
            System.out.printf("room over TCP: the sleeper read %d frames before the end of the stream%n", rest.size());
            for (RawClient r : readers) {
                r.close();
            }
            sleeper.close();
        }
    }
}
