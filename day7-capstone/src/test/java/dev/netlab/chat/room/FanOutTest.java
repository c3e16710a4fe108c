package dev.netlab.chat.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.ChatLimits;
import dev.netlab.kit.Checkpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bounded outboxes and the fan-out over them. Mistakes it catches (each checked once with a
 * hand-made mutant of the reference): a bound off by one (the frame that reaches it exactly is
 * refused, or one past it accepted); only the frame count bounded, not the characters; an
 * overflow that keeps the queued frames (the writer would still send them, then close: a
 * client sees a hole) or keeps accepting later ones; {@code close()} that throws away what was
 * queued; {@code take} that misses the wake-up on close or overflow (it sleeps its whole
 * timeout); a fan-out that stops at the first member who refuses, or that blocks on a full one.
 * From a PIT run (issue 19): the overflow's wake-up was only ever tested with a frame queued
 * (whose own signal woke the taker), so dropping it passed: {@code overflowWakesAnEmptyTake}
 * overflows an empty outbox by characters; a lock not released by {@code take},
 * {@code overflowed}, {@code finished}, {@code size} or {@code chars} (the fan-out thread then
 * waits forever): {@code locksAreReleased}. From a PIT run with the stronger mutators
 * ({@code STRONGER,REMOVE_CONDITIONALS,REMOVE_INCREMENTS}): a fan-out that starts a new list of refusals at each
 * refusal, so of two slow consumers only the last is dropped and the other keeps its place with a
 * dead outbox ({@code everyRefusalReported}).
 */
@Checkpoint(id = "7.04", title = "Fan-out with backpressure: bounded outboxes, slow consumers dropped",
        edit = {"dev/netlab/chat/room/Outbox.java", "dev/netlab/chat/room/RoomRegistry.java"},
        hint = "a lock, a condition, an ArrayDeque and a character count; past a bound: OVERFLOWED, queue cleared, take returns null; broadcast offers to all and collects refusals",
        readme = "#fan-out-and-slow-consumers")
class FanOutTest {
    private static Outbound frame(String text) {
        return Outbound.of(text);
    }

    @Test
    @DisplayName("frames come out in order; a bound reached exactly is fine")
    void fifoUpToTheBound() throws Exception {
        Outbox box = new Outbox(3, 1000);
        assertThat(box.offer(frame("a"))).isTrue();
        assertThat(box.offer(frame("bb"))).isTrue();
        assertThat(box.offer(frame("ccc"))).isTrue();
        assertThat(box.size()).isEqualTo(3);
        assertThat(box.chars()).isEqualTo(6);
        assertThat(box.take(0).frame()).isEqualTo("a");
        assertThat(box.offer(frame("dddd"))).isTrue();
        assertThat(box.take(0).frame()).isEqualTo("bb");
        assertThat(box.take(0).frame()).isEqualTo("ccc");
        assertThat(box.take(0).frame()).isEqualTo("dddd");
        assertThat(box.size()).isZero();
        assertThat(box.chars()).isZero();
        assertThat(box.take(0)).as("empty, timeout 0").isNull();
        assertThat(box.finished()).isFalse();
        assertThat(box.overflowed()).isFalse();
    }

    @Test
    @DisplayName("one frame past the count bound overflows: refused, the queue emptied, later offers refused too")
    void overflowByCount() throws Exception {
        Outbox box = new Outbox(2, 1000);
        box.offer(frame("1"));
        box.offer(frame("2"));
        assertThat(box.offer(frame("3"))).isFalse();
        assertThat(box.overflowed()).isTrue();
        assertThat(box.finished()).isTrue();
        assertThat(box.size()).isZero();
        assertThat(box.chars()).isZero();
        long start = System.nanoTime();
        assertThat(box.take(5000)).as("nothing more to send: the connection is dropped").isNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("take returns at once").isLessThan(2000);
        assertThat(box.offer(frame("4"))).isFalse();
        box.close();
        assertThat(box.overflowed()).isTrue();
    }

    @Test
    @DisplayName("the character bound counts too: 10 + 10 fits in 20, one more character overflows")
    void overflowByCharacters() throws Exception {
        Outbox box = new Outbox(100, 20);
        assertThat(box.offer(frame("x".repeat(10)))).isTrue();
        assertThat(box.offer(frame("y".repeat(10)))).isTrue();
        assertThat(box.chars()).isEqualTo(20);
        assertThat(box.offer(frame("z"))).isFalse();
        assertThat(box.overflowed()).isTrue();
        Outbox big = new Outbox(100, 20);
        assertThat(big.offer(frame("w".repeat(21)))).as("a frame larger than the whole bound").isFalse();
        assertThat(big.overflowed()).isTrue();
    }

    @Test
    @DisplayName("close: what is queued still goes out, then take returns null; nothing new is accepted")
    void closeDrains() throws Exception {
        Outbox box = new Outbox(10, 100);
        box.offer(frame("last words"));
        box.offer(frame("bye"));
        box.close();
        assertThat(box.offer(frame("late"))).isFalse();
        assertThat(box.overflowed()).isFalse();
        assertThat(box.finished()).isFalse();
        assertThat(box.take(1000).frame()).isEqualTo("last words");
        assertThat(box.take(1000).frame()).isEqualTo("bye");
        assertThat(box.take(5000)).isNull();
        assertThat(box.finished()).isTrue();
    }

    @Test
    @DisplayName("take waits at most its timeout, and wakes at once for a frame, a close or an overflow")
    void takeWakesUp() throws Exception {
        Outbox box = new Outbox(1, 100);
        long start = System.nanoTime();
        assertThat(box.take(100)).isNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(90L, 10_000L);
        assertThat(box.finished()).as("a timeout is not the end").isFalse();

        for (String wake : List.of("frame", "close", "overflow")) {
            Outbox b = new Outbox(1, 100);
            CompletableFuture<Outbound> taken = CompletableFuture.supplyAsync(() -> {
                try {
                    return b.take(60_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            long t0 = System.nanoTime();
            switch (wake) {
                case "frame" -> b.offer(frame("hi"));
                case "close" -> b.close();
                default -> {
                    b.offer(frame("1"));
                    b.offer(frame("2"));
                }
            }
            Outbound got = taken.get(20, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("woken by %s", wake).isLessThan(10_000L);
            if (wake.equals("frame")) {
                assertThat(got.frame()).isEqualTo("hi");
            } else if (wake.equals("close")) {
                assertThat(got).isNull();
            }
        }
    }

    @Test
    @DisplayName("one thread offers 200,000 frames while another takes them: none lost, none reordered")
    void twoThreads() throws Exception {
        Outbox box = new Outbox(1_000_000, 100_000_000);
        int n = 200_000;
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < n; i++) {
                if (!box.offer(frame(Integer.toString(i)))) {
                    throw new IllegalStateException("refused " + i);
                }
            }
            box.close();
        });
        int expected = 0;
        Outbound f;
        while ((f = box.take(10_000)) != null) {
            assertThat(f.frame()).isEqualTo(Integer.toString(expected));
            expected++;
        }
        producer.join();
        assertThat(expected).isEqualTo(n);
        assertThat(box.finished()).isTrue();
    }

    @Test
    @DisplayName("fan-out: every member gets the same frame in join order; one who refuses is reported, the others still get it")
    void broadcast() throws Exception {
        RoomRegistry rooms = new RoomRegistry(ChatLimits.defaults());
        TestSubscriber ada = TestSubscriber.named("ada");
        TestSubscriber gone = new TestSubscriber("gone", true);
        TestSubscriber bob = TestSubscriber.named("bob");
        TestSubscriber elsewhere = TestSubscriber.named("elsewhere");
        rooms.join("lobby", "ada", ada);
        rooms.join("lobby", "gone", gone);
        rooms.join("lobby", "bob", bob);
        rooms.join("other", "x", elsewhere);
        Outbound hello = new Outbound("{\"type\":\"message\"}", 123);
        List<Subscriber> refused = rooms.broadcast("lobby", hello);
        assertThat(refused).containsExactly(gone);
        assertThat(ada.got).singleElement().isSameAs(hello);
        assertThat(bob.got).singleElement().isSameAs(hello);
        assertThat(elsewhere.got).isEmpty();
        assertThat(rooms.broadcast("nowhere", hello)).isEmpty();
    }

    @Test
    @DisplayName("fan-out: every member who refuses is reported, in join order — two slow consumers are two to drop, not the last one alone")
    void everyRefusalReported() throws Exception {
        RoomRegistry rooms = new RoomRegistry(ChatLimits.defaults());
        TestSubscriber first = new TestSubscriber("first", true);
        TestSubscriber ada = TestSubscriber.named("ada");
        TestSubscriber second = new TestSubscriber("second", true);
        TestSubscriber third = new TestSubscriber("third", true);
        rooms.join("lobby", "first", first);
        rooms.join("lobby", "ada", ada);
        rooms.join("lobby", "second", second);
        rooms.join("lobby", "third", third);
        assertThat(rooms.broadcast("lobby", frame("hi"))).containsExactly(first, second, third);
        assertThat(ada.got).hasSize(1);
    }

    @Test
    @DisplayName("a slow consumer overflows its own outbox only: the fan-out never waits, the fast members get everything")
    void slowConsumer() throws Exception {
        RoomRegistry rooms = new RoomRegistry(ChatLimits.defaults());
        Outbox slowBox = new Outbox(10, 10_000);
        Outbox fastBox = new Outbox(1000, 100_000);
        Subscriber slow = slowBox::offer;
        Subscriber fast = fastBox::offer;
        rooms.join("lobby", "slow", slow);
        rooms.join("lobby", "fast", fast);
        List<Subscriber> dropped = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            dropped.addAll(rooms.broadcast("lobby", frame("m" + i)));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("500 fan-outs with nobody reading").isLessThan(10_000L);
        assertThat(dropped).hasSize(500 - 10).containsOnly(slow);
        assertThat(slowBox.overflowed()).isTrue();
        assertThat(slowBox.take(0)).isNull();
        assertThat(fastBox.size()).isEqualTo(500);
        assertThat(fastBox.take(0).frame()).isEqualTo("m0");
    }

    @Test
    @DisplayName("an overflow wakes a take waiting on an EMPTY outbox at once: one frame over the character bound")
    void overflowWakesAnEmptyTake() throws Exception {
        Outbox box = new Outbox(10, 5);
        CompletableFuture<Outbound> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return box.take(60_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        long t0 = System.nanoTime();
        assertThat(box.offer(frame("sixsix"))).isFalse(); // 6 characters, bound 5
        assertThat(taken.get(20, TimeUnit.SECONDS)).isNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("woken by the overflow").isLessThan(10_000L);
        assertThat(box.overflowed()).isTrue();
    }

    @Test
    @DisplayName("every method lets go of the lock: after take, overflowed, finished, size and chars on this thread, another thread offers at once")
    void locksAreReleased() throws Exception {
        Outbox box = new Outbox(10, 100);
        box.offer(frame("a"));
        assertThat(box.take(0).frame()).isEqualTo("a");
        assertThat(box.take(0)).isNull();
        assertThat(box.overflowed()).isFalse();
        assertThat(box.finished()).isFalse();
        assertThat(box.size()).isZero();
        assertThat(box.chars()).isZero();
        assertThat(CompletableFuture.supplyAsync(() -> box.offer(frame("b"))).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(box.size()).isEqualTo(1);
    }
}
