package dev.netlab.websocket.connection;

import static dev.netlab.websocket.Frames.BINARY;
import static dev.netlab.websocket.Frames.PING;
import static dev.netlab.websocket.Frames.PONG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.ManualClock;
import dev.netlab.websocket.Frames;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keep-alive, idle detection and the message size limit. Mistakes it catches: pinging on a
 * busy connection, a Ping every tick instead of every interval, silence measured from the last
 * Ping instead of the last frame heard, a Pong not counted as a sign of life, never giving up
 * on a silent peer, the size limit checked after buffering a whole message (a 2 GiB header
 * must be refused at once), a Ping written on the Ticker's own thread (one peer that stopped
 * reading stops the timers of every connection). Killed since the PIT run of 2026-12-06
 * ({@code aMessageIsASignOfLife}): the connection not telling its KeepAlive about a data frame
 * heard (silence counted from the start: the idle timeout closes a busy connection).
 */
@Checkpoint(id = "6.10", title = "Keep-alive, idle peers and the message size limit",
        edit = {"dev/netlab/websocket/connection/KeepAlive.java", "dev/netlab/websocket/connection/WebSocketConnection.java"},
        hint = "remember when the peer was last heard and when you last pinged; PING after pingInterval of silence (again after another), TIMEOUT after idleTimeout",
        readme = "#keep-alive")
class KeepAliveTest {
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    @DisplayName("a Ping after 30 s of silence, the next one 30 s later, TIMEOUT at 75 s; any frame heard starts over")
    void schedule() {
        KeepAlive k = new KeepAlive(Duration.ofSeconds(30), Duration.ofSeconds(75), T0);
        assertThat(k.tick(T0.plusSeconds(29))).isEqualTo(KeepAlive.Action.NONE);
        assertThat(k.tick(T0.plusSeconds(30))).isEqualTo(KeepAlive.Action.PING);
        assertThat(k.tick(T0.plusSeconds(31))).as("one ping per interval").isEqualTo(KeepAlive.Action.NONE);
        assertThat(k.tick(T0.plusSeconds(59))).isEqualTo(KeepAlive.Action.NONE);
        assertThat(k.tick(T0.plusSeconds(60))).isEqualTo(KeepAlive.Action.PING);
        assertThat(k.tick(T0.plusSeconds(74))).isEqualTo(KeepAlive.Action.NONE);
        assertThat(k.tick(T0.plusSeconds(75))).isEqualTo(KeepAlive.Action.TIMEOUT);
        k.heard(T0.plusSeconds(76)); // the pong (or anything) arrived
        assertThat(k.tick(T0.plusSeconds(100))).isEqualTo(KeepAlive.Action.NONE);
        assertThat(k.tick(T0.plusSeconds(106))).isEqualTo(KeepAlive.Action.PING);
    }

    @Test
    @DisplayName("a busy peer is never pinged; ZERO switches pings or the idle timeout off")
    void busyAndOff() {
        KeepAlive k = new KeepAlive(Duration.ofSeconds(10), Duration.ofSeconds(30), T0);
        for (int s = 5; s < 300; s += 5) {
            k.heard(T0.plusSeconds(s));
            assertThat(k.tick(T0.plusSeconds(s + 4))).isEqualTo(KeepAlive.Action.NONE);
        }
        KeepAlive off = new KeepAlive(Duration.ZERO, Duration.ZERO, T0);
        assertThat(off.tick(T0.plusSeconds(1_000_000))).isEqualTo(KeepAlive.Action.NONE);
        KeepAlive idleOnly = new KeepAlive(Duration.ZERO, Duration.ofSeconds(30), T0);
        assertThat(idleOnly.tick(T0.plusSeconds(29))).isEqualTo(KeepAlive.Action.NONE);
        assertThat(idleOnly.tick(T0.plusSeconds(30))).isEqualTo(KeepAlive.Action.TIMEOUT);
    }

    @Test
    @DisplayName("the connection's tick sends the Ping on the wire, a Pong keeps it alive, and silence closes TCP")
    void onTheWire() throws Exception {
        ManualClock clock = new ManualClock(T0);
        ConnectionSettings s = ConnectionSettings.server().withClock(clock).withKeepAlive(Duration.ofSeconds(30), Duration.ofSeconds(75));
        try (Engine e = new Engine(s, true)) {
            e.connection.tick(clock.advance(Duration.ofSeconds(30)).instant());
            Frames.Frame ping = e.read();
            assertThat(ping.opcode()).isEqualTo(PING);
            e.send(Frames.client(true, PONG, ping.payload()));
            Thread.sleep(200); // let the engine read the pong (heard at T0+30)
            e.connection.tick(clock.advance(Duration.ofSeconds(29)).instant());
            assertThat(e.silentFor(Duration.ofMillis(300))).as("29 s after the pong: no ping yet").isTrue();
            e.connection.tick(clock.advance(Duration.ofSeconds(1)).instant());
            assertThat(e.read().opcode()).as("30 s after the pong").isEqualTo(PING);
            e.connection.tick(clock.advance(Duration.ofSeconds(45)).instant());
            assertThat(e.tcpClosedWithin(Duration.ofSeconds(3))).as("75 s after the pong, nothing heard: gone").isTrue();
            assertThat(e.handlerClosed()).isTrue();
        }
    }

    @Test
    @DisplayName("a message is a sign of life too: 50 s after it (100 s after the start) the connection's tick sends a Ping, not the idle timeout's close")
    void aMessageIsASignOfLife() throws Exception {
        ManualClock clock = new ManualClock(T0);
        ConnectionSettings s = ConnectionSettings.server().withClock(clock).withKeepAlive(Duration.ofSeconds(30), Duration.ofSeconds(75));
        try (Engine e = new Engine(s, true)) {
            clock.advance(Duration.ofSeconds(50));
            e.send(Frames.client(true, BINARY, new byte[] {42}));
            assertThat(e.read().payload()).as("the echo: the engine read the message at T0+50").containsExactly(42);
            e.connection.tick(clock.advance(Duration.ofSeconds(50)).instant());
            assertThat(e.read()).as("at T0+100, 50 s after the message: a Ping (the end of the stream here: the engine still"
                    + " counted silence from the start, 100 s > 75 s, and closed TCP)").isNotNull()
                    .extracting(Frames.Frame::opcode).isEqualTo(PING);
        }
    }

    @Test
    @DisplayName("tick() never blocks, even when the peer stopped reading and a send is stuck: one Ticker runs the timers of every connection")
    void tickNeverBlocks() throws Exception {
        ManualClock clock = new ManualClock(T0);
        ConnectionSettings s = ConnectionSettings.server().withClock(clock).withKeepAlive(Duration.ofSeconds(30), Duration.ofSeconds(75));
        try (Engine e = new Engine(s, false)) {
            // 32 MiB to a peer that reads nothing: more than both socket buffers hold, so this send blocks
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    e.connection.sendBinary(new byte[32 << 20]);
                } catch (java.io.IOException closed) {
                    // the idle timeout closed the transport under it
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sender.getState() != Thread.State.WAITING && sender.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20); // until the send is parked on the full socket (a started thread may not have run yet)
            }
            assertThat(sender.getState()).as("the send to a peer that does not read is stuck").isEqualTo(Thread.State.WAITING);
            Thread ticker = Thread.ofPlatform().daemon().start(() -> e.connection.tick(clock.advance(Duration.ofSeconds(30)).instant()));
            assertThat(ticker.join(Duration.ofSeconds(3))).as("tick() at 30 s of silence (a Ping is due) returns within 3 s: "
                    + "it must not write the Ping on the Ticker's thread, which would wait behind the stuck send").isTrue();
            e.connection.tick(clock.advance(Duration.ofSeconds(45)).instant());
            assertThat(sender.join(Duration.ofSeconds(5))).as("75 s of silence: the transport is closed, which ends the stuck send").isTrue();
        }
    }

    @Test
    @DisplayName("a message over the limit is refused with 1009 at its header, before its payload arrives")
    void maxMessageSize() throws Exception {
        try (Engine e = new Engine(ConnectionSettings.server().withMaxMessageSize(1000), true)) {
            e.send(Frames.client(true, BINARY, new byte[1000]));
            assertThat(e.read().payload()).hasSize(1000);
            byte[] big = Frames.client(true, BINARY, new byte[1001]);
            e.send(java.util.Arrays.copyOf(big, 8)); // the header and mask only
            assertThat(e.read().closeCode()).isEqualTo(1009);
            assertThat(e.tcpClosedWithin(Duration.ofSeconds(3))).isTrue();
        }
        try (Engine e = new Engine(ConnectionSettings.server().withMaxMessageSize(1000), true)) {
            e.send(Frames.client(false, BINARY, new byte[600]), Frames.client(true, Frames.CONT, new byte[600]));
            assertThat(e.read().closeCode()).as("the limit is per message, across fragments").isEqualTo(1009);
        }
        try (Engine e = new Engine(ConnectionSettings.server(), true)) {
            e.send(Frames.hex("82ff7fffffffffffffff37fa213d"));
            assertThat(e.read().closeCode()).as("2^63-1 octets announced").isEqualTo(1009);
        }
    }
}
