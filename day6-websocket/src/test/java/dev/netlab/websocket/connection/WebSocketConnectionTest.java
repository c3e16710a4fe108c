package dev.netlab.websocket.connection;

import static dev.netlab.websocket.Frames.CLOSE;
import static dev.netlab.websocket.Frames.CONT;
import static dev.netlab.websocket.Frames.PING;
import static dev.netlab.websocket.Frames.PONG;
import static dev.netlab.websocket.Frames.TEXT;
import static dev.netlab.websocket.Frames.BINARY;
import static dev.netlab.websocket.Frames.client;
import static dev.netlab.websocket.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.ManualClock;
import dev.netlab.websocket.Frames;
import dev.netlab.websocket.Role;
import dev.netlab.websocket.WireInput;
import dev.netlab.websocket.deflate.DeflateParameters;
import dev.netlab.websocket.handshake.Handshake;
import dev.netlab.websocket.handshake.HandshakePolicy;
import dev.netlab.websocket.handshake.HandshakeResult;
import dev.netlab.websocket.handshake.RequestHead;
import dev.netlab.websocket.message.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.Deflater;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The engine over a real TCP connection. Mistakes it catches: no Pong for a Ping or a Pong with
 * another payload, a Pong answered, a Ping in the middle of a fragmented message breaking it,
 * the Close not echoed or echoed with another code, the server waiting for the client to close
 * TCP, data frames sent (or echoed) after a Close, a protocol error that closes TCP without a
 * Close frame or with the wrong code, a close code 1006 sent on the wire, onClose not called,
 * close() passing 1005/1006/1015 to the wire, a Ping of more than 125 octets sent.
 * Killed since the PIT run of 2026-12-06: a Ping of exactly 125 octets refused ({@code pingPong});
 * the send lock not released, so a send from another thread waits forever ({@code echoAndClose});
 * a data frame after our Close not skipped, its payload read as the next header
 * ({@code serverCloses}); onOpen never called ({@code anyStreams}); abort() that does nothing
 * ({@code abort}); a client that closes TCP before the server ({@code clientWaitsForTheServer});
 * the two sides' no_context_takeover swapped between the inflater and the deflater
 * ({@code contextTakeoverPerSide}). Left alone, equivalent: the transport closed a second time
 * after {@code fail}, in {@code run}'s catch or its finally (each path already closes it); a
 * failed keep-alive Ping or Close write not closing the transport (the reading thread or the idle
 * timeout closes it); the control payload read with {@code len + done} for {@code len - done}
 * (readPayload reads no further than the payload); the client's wait for the end of the stream
 * with its loop condition negated ({@code atEnd()} blocks until the server closes either way);
 * the lock kept after our own Close (nothing is sent after it but a Ping); {@code toString}.
 */
@Checkpoint(id = "6.09", title = "The connection: ping/pong, messages, the closing handshake",
        edit = "dev/netlab/websocket/connection/WebSocketConnection.java",
        hint = "loop: read a header; control frames are handled at once (Ping -> Pong, Close -> echo and close TCP); data frames go through the assembler; a WebSocketException -> Close with its code, then close TCP",
        readme = "#the-connection")
class WebSocketConnectionTest {
    @Test
    @DisplayName("text and binary messages reach the handler and go back, a message is sent from another thread too; a client Close 1000 is echoed and the server closes TCP")
    void echoAndClose() throws Exception {
        try (Engine e = Engine.echo()) {
            e.send(client(TEXT, "Hello"), client(true, BINARY, new byte[] {1, 2, 3}));
            Frames.Frame t = e.read();
            assertThat(t.opcode()).isEqualTo(TEXT);
            assertThat(t.text()).isEqualTo("Hello");
            assertThat(t.fin()).isTrue();
            assertThat(e.read().payload()).containsExactly(1, 2, 3);
            // the echoes were sent by the engine's reading thread; the send methods may be called from any thread
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> e.connection.sendText("from the test's thread"),
                    "a send from another thread still waits for the lock of the engine thread's sends: released?");
            assertThat(e.read().text()).isEqualTo("from the test's thread");
            e.send(client(true, CLOSE, Frames.closePayload(1000, "done")));
            Frames.Frame close = e.read();
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).as("§5.5.1: the endpoint typically echos the status code it received").isEqualTo(1000);
            assertThat(e.tcpClosedWithin(Duration.ofSeconds(3))).as("§7.1.1: the server closes TCP first").isTrue();
            assertThat(e.handlerClosed()).isTrue();
            assertThat(e.closeCode).isEqualTo(1000);
        }
    }

    @Test
    @DisplayName("§5.5.2: a Ping is answered with a Pong carrying the same payload, also between two fragments of a message; §5.5: our own Ping carries at most 125 octets (125 itself is allowed)")
    void pingPong() throws Exception {
        try (Engine e = Engine.echo()) {
            // §5.5: "All control frames MUST have a payload length of 125 bytes or less" (our own Pings too)
            assertThatThrownBy(() -> e.connection.ping(new byte[126])).isInstanceOf(IllegalArgumentException.class);
            e.connection.ping(new byte[125]);
            Frames.Frame own = e.read();
            assertThat(own.opcode()).as("a Ping of 125 octets, \"125 bytes or less\"").isEqualTo(PING);
            assertThat(own.payload()).hasSize(125);
            e.send(client(true, PING, utf8("are you there?")));
            Frames.Frame pong = e.read();
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.text()).isEqualTo("are you there?");
            e.send(client(true, PING, new byte[0]));
            assertThat(e.read().payload()).isEmpty();
            e.send(client(false, TEXT, utf8("frag")), client(true, PING, utf8("x")), client(true, CONT, utf8("ment")));
            Frames.Frame first = e.read();
            assertThat(first.opcode()).as("the pong comes before the message completes").isEqualTo(PONG);
            Frames.Frame message = e.read();
            assertThat(message.text()).isEqualTo("fragment");
        }
    }

    @Test
    @DisplayName("§5.5.3: an unsolicited Pong is not answered")
    void unsolicitedPong() throws Exception {
        try (Engine e = Engine.echo()) {
            e.send(client(true, PONG, utf8("unsolicited")), client(TEXT, "after"));
            assertThat(e.read().text()).as("the next thing sent is the echo, not a reply to the pong").isEqualTo("after");
        }
    }

    @Test
    @DisplayName("§7.1.7: a protocol error is answered with a Close carrying its code, then TCP is closed")
    void failTheConnection() throws Exception {
        try (Engine e = Engine.echo()) {
            e.send(Frames.frame(true, 0b100, TEXT, utf8("rsv"), true, Frames.KEY));
            Frames.Frame close = e.read();
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).isEqualTo(1002);
            assertThat(e.tcpClosedWithin(Duration.ofSeconds(3))).isTrue();
            assertThat(e.handlerClosed()).isTrue();
        }
        try (Engine e = Engine.echo()) {
            e.send(client(true, TEXT, Frames.hex("cebae1bdb9cf83cebcceb5eda080656469746564")));
            assertThat(e.read().closeCode()).as("invalid UTF-8").isEqualTo(1007);
            assertThat(e.tcpClosedWithin(Duration.ofSeconds(3))).isTrue();
            assertThat(e.received).isEmpty();
        }
        try (Engine e = Engine.echo()) {
            e.send(Frames.frame(true, 0, TEXT, utf8("x"), false, 0));
            assertThat(e.read().closeCode()).as("an unmasked client frame").isEqualTo(1002);
        }
    }

    @Test
    @DisplayName("a Close without a code is answered with 1000; a Close with an invalid code or a one-octet payload with 1002")
    void closeCodes() throws Exception {
        try (Engine e = Engine.echo()) {
            e.send(client(true, CLOSE, new byte[0]));
            assertThat(e.read().closeCode()).isEqualTo(1000);
            assertThat(e.tcpClosedWithin(Duration.ofSeconds(3))).isTrue();
            assertThat(e.handlerClosed()).isTrue();
            assertThat(e.closeCode).as("onClose gets 1005 'no status received'").isEqualTo(1005);
        }
        try (Engine e = Engine.echo()) {
            e.send(client(true, CLOSE, Frames.closePayload(1005, "")));
            assertThat(e.read().closeCode()).isEqualTo(1002);
        }
        try (Engine e = Engine.echo()) {
            e.send(client(true, CLOSE, new byte[] {3}));
            assertThat(e.read().closeCode()).isEqualTo(1002);
        }
        try (Engine e = Engine.echo()) {
            e.send(client(true, CLOSE, Frames.closePayload(4001, "app")));
            assertThat(e.read().closeCode()).isEqualTo(4001);
        }
    }

    @Test
    @DisplayName("§5.5.1: nothing is answered after the Close: a Ping or a message behind it gets no reply")
    void nothingAfterClose() throws Exception {
        try (Engine e = Engine.echo()) {
            e.send(client(true, CLOSE, Frames.closePayload(1000, "")), client(true, PING, utf8("late")), client(TEXT, "late"));
            assertThat(e.read().opcode()).isEqualTo(CLOSE);
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            e.peer.setSoTimeout(3000);
            try {
                e.pushback().transferTo(rest);
            } catch (IOException reset) {
                // closed
            }
            assertThat(rest.size()).as("octets after the Close").isZero();
        }
    }

    @Test
    @DisplayName("a peer that vanishes (EOF, no Close) ends the connection with 1006 for the handler")
    void eof() throws Exception {
        try (Engine e = Engine.echo()) {
            e.send(client(false, TEXT, utf8("half")));
            e.peer.shutdownOutput();
            assertThat(e.handlerClosed()).isTrue();
            assertThat(e.closeCode).isEqualTo(1006);
        }
    }

    @Test
    @DisplayName("§7.1.2: the server starts the close: Close sent, state CLOSE_SENT, no more messages, a message still arriving is skipped; the peer's Close completes it; §7.4.1: never with 1005, 1006, 1015 or an undefined code")
    void serverCloses() throws Exception {
        try (Engine e = Engine.echo()) {
            for (int reserved : new int[] {1005, 1006, 1015, 999, 2000}) {
                // §7.4.1: 1005, 1006 and 1015 "MUST NOT be set as a status code in a Close control frame by an endpoint"
                assertThatThrownBy(() -> e.connection.close(reserved, "")).as("close(%d)", reserved).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(e.connection.state()).isEqualTo(WebSocketConnection.State.OPEN);
            e.connection.close(1001, "going away");
            Frames.Frame close = e.read();
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(new String(close.payload(), 2, close.payload().length - 2)).isEqualTo("going away");
            assertThat(e.connection.state()).isIn(WebSocketConnection.State.CLOSE_SENT, WebSocketConnection.State.CLOSED);
            assertThatThrownBy(() -> e.connection.sendText("too late")).isInstanceOf(IOException.class);
            // the message was in flight when our Close left: its payload is read and ignored (§5.5.1), not taken for a header
            e.send(client(TEXT, "in flight"), client(true, CLOSE, Frames.closePayload(1000, "")));
            assertThat(e.tcpClosedWithin(Duration.ofSeconds(3))).isTrue();
            assertThat(e.connection.state()).isEqualTo(WebSocketConnection.State.CLOSED);
            assertThat(e.handlerClosed()).isTrue();
            assertThat(e.closeCode).as("§7.1.5: the close code is \"the status code contained in the first Close control frame"
                    + " received\": the peer's 1000 (behind a message whose payload had to be skipped), not an error of ours").isEqualTo(1000);
        }
    }

    @Test
    @DisplayName("the engine runs over any byte streams: octets already read past the handshake, then a stream one octet at a time; the handler hears onOpen first and onClose last")
    void anyStreams() throws Exception {
        byte[] wire = Frames.concat(client(TEXT, "one"), client(false, TEXT, utf8("t")), client(true, PING, new byte[0]),
                client(true, CONT, utf8("wo")), client(true, CLOSE, Frames.closePayload(1000, "")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicBoolean transportClosed = new AtomicBoolean();
        java.util.List<String> got = new java.util.ArrayList<>();
        WebSocketConnection c = new WebSocketConnection(WireInput.chopped(wire, 1), out, () -> transportClosed.set(true),
                ConnectionSettings.server(), new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocketConnection conn) {
                        got.add("onOpen");
                    }

                    @Override
                    public void onMessage(WebSocketConnection conn, dev.netlab.websocket.message.Message m) {
                        got.add(m.text());
                    }

                    @Override
                    public void onClose(WebSocketConnection conn, int code, String reason) {
                        got.add("onClose " + code);
                    }
                });
        c.run();
        assertThat(got).as("the handler's calls").containsExactly("onOpen", "one", "two", "onClose 1000");
        assertThat(transportClosed).isTrue();
        java.io.ByteArrayInputStream sent = new java.io.ByteArrayInputStream(out.toByteArray());
        assertThat(Frames.read(sent).opcode()).isEqualTo(PONG);
        assertThat(Frames.read(sent).closeCode()).isEqualTo(1000);
        assertThat(Frames.read(sent)).isNull();
    }

    @Test
    @DisplayName("RFC 8441 as day 7 composes it: an extended CONNECT accepted (200, permessage-deflate), then the engine over a pair of pipes standing for the HTTP/2 stream, no socket: a compressed message each way, and the Close ends the stream")
    void overAnHttp2Stream() throws Exception {
        RequestHead connect = RequestHead.of("CONNECT", "/chat", "HTTP/2", ":protocol", "websocket", ":scheme", "https",
                ":path", "/chat", ":authority", "chat.example", "sec-websocket-version", "13",
                "sec-websocket-extensions", "permessage-deflate", "origin", "https://chat.example");
        HandshakeResult result = Handshake.extendedConnect(connect, HandshakePolicy.origins("https://chat.example").withDeflate(true));
        assertThat(result).isInstanceOf(HandshakeResult.Accept.class);
        HandshakeResult.Accept accept = (HandshakeResult.Accept) result;
        assertThat(accept.status()).isEqualTo(200);
        assertThat(accept.deflate()).as("permessage-deflate negotiated over HTTP/2 as over HTTP/1.1").isNotNull();

        // the stream's two directions: DATA frames to the server, DATA frames to the client
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        AtomicBoolean streamEnded = new AtomicBoolean();
        WebSocketConnection c = new WebSocketConnection(Channels.newInputStream(toServer.source()),
                Channels.newOutputStream(toClient.sink()), () -> {
                    streamEnded.set(true); // day 7: END_STREAM on the HTTP/2 stream
                    toClient.sink().close();
                    toServer.source().close();
                }, ConnectionSettings.server().withDeflate(accept.deflate()), new WebSocketHandler() {
                    @Override
                    public void onMessage(WebSocketConnection conn, dev.netlab.websocket.message.Message m) {
                        try {
                            conn.send(m);
                        } catch (IOException closing) {
                            // the stream is ending
                        }
                    }
                });
        Thread engine = Thread.ofVirtual().start(c::run);
        java.io.OutputStream client = Channels.newOutputStream(toServer.sink());
        java.io.InputStream fromServer = Channels.newInputStream(toClient.source());
        // RFC 7692 §7.2.3.1: "Hello" compressed, RSV1 set
        client.write(Frames.frame(true, 0b100, TEXT, Frames.hex("f248cdc9c90700"), true, Frames.KEY));
        Frames.Frame echo = Frames.read(fromServer);
        assertThat(echo.rsv()).as("the echo is compressed (RSV1)").isEqualTo(0b100);
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        inflater.setInput(Frames.concat(echo.payload(), Frames.hex("0000ffff")));
        byte[] plain = new byte[64];
        assertThat(new String(plain, 0, inflater.inflate(plain), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("Hello");
        inflater.end();
        client.write(client(true, CLOSE, Frames.closePayload(1000, "")));
        assertThat(Frames.read(fromServer).closeCode()).isEqualTo(1000);
        assertThat(Frames.read(fromServer)).as("after the Close the stream ends").isNull();
        assertThat(engine.join(Duration.ofSeconds(5))).isTrue();
        assertThat(streamEnded).isTrue();
        toServer.sink().close();
        toClient.source().close();
    }

    @Test
    @DisplayName("§7.1.1: when the peer never answers our Close, TCP is closed once the close timeout has passed (tick)")
    void closeTimeout() throws Exception {
        ManualClock clock = ManualClock.start();
        ConnectionSettings s = ConnectionSettings.server().withClock(clock).withCloseTimeout(Duration.ofSeconds(5))
                .withKeepAlive(Duration.ZERO, Duration.ZERO);
        try (Engine e = new Engine(s, true)) {
            e.connection.close(1000, "");
            assertThat(e.read().closeCode()).isEqualTo(1000);
            e.connection.tick(clock.advance(Duration.ofSeconds(4)).instant());
            assertThat(e.tcpClosedWithin(Duration.ofMillis(300))).as("not yet: 4 of 5 s").isFalse();
            e.connection.tick(clock.advance(Duration.ofSeconds(1)).instant());
            assertThat(e.tcpClosedWithin(Duration.ofSeconds(3))).isTrue();
            assertThat(e.handlerClosed()).isTrue();
            assertThat(e.closeCode).isEqualTo(1006);
        }
    }

    @Test
    @DisplayName("abort() closes TCP at once, without a Close frame (a peer that stopped reading could not receive one); §7.1.5: no Close frame received, so the handler gets 1006")
    void abort() throws Exception {
        try (Engine e = Engine.echo()) {
            e.connection.abort();
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            e.peer.setSoTimeout(3000);
            try {
                e.pushback().transferTo(rest);
            } catch (SocketTimeoutException open) {
                throw new AssertionError("TCP still open 3 s after abort()", open);
            } catch (IOException reset) {
                // closed
            }
            assertThat(rest.size()).as("octets sent after abort(): no Close frame").isZero();
            assertThat(e.handlerClosed()).isTrue();
            assertThat(e.closeCode).isEqualTo(1006);
        }
    }

    @Test
    @DisplayName("§7.1.1: as a CLIENT the engine answers the server's Close (masked, §5.3) and leaves TCP open until the server closes it: \"the server SHOULD close the underlying TCP connection first\"")
    void clientWaitsForTheServer() throws Exception {
        try (Engine e = new Engine(ConnectionSettings.server().withRole(Role.CLIENT), false)) {
            e.send(Frames.frame(true, 0, CLOSE, Frames.closePayload(1001, "restarting"), false, 0)); // a server's frame: unmasked
            Frames.Frame close = e.readMasked();
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).as("§5.5.1: the code echoed").isEqualTo(1001);
            assertThat(e.silentFor(Duration.ofMillis(500))).as("the client keeps TCP open after its Close, for the server to close first").isTrue();
            e.peer.shutdownOutput(); // the server closes TCP
            assertThat(e.tcpClosedWithin(Duration.ofSeconds(3))).as("then the client closes its side").isTrue();
            assertThat(e.handlerClosed()).isTrue();
            assertThat(e.closeCode).isEqualTo(1001);
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1: each no_context_takeover binds one side's compressor: with server_no_context_takeover the server"
            + " resets its compressor after every message (the same message, the same octets), but keeps its decompressor's window"
            + " for a client that did not agree to client_no_context_takeover (its second message refers back to its first)")
    void contextTakeoverPerSide() throws Exception {
        DeflateParameters serverResets = new DeflateParameters(true, false, 15, 15);
        try (Engine e = new Engine(ConnectionSettings.server().withDeflate(serverResets), true)) {
            Deflater client = new Deflater(Deflater.DEFAULT_COMPRESSION, true); // keeps its window from message to message
            byte[] first = compressed(client, "Hello, Hello, Hello");
            byte[] second = compressed(client, "Hello, Hello, Hello");
            client.end();
            assertThat(second).as("the test's own check: the second message is a reference to the first").isNotEqualTo(first);
            e.send(Frames.frame(true, 0b100, TEXT, first, true, Frames.KEY), Frames.frame(true, 0b100, TEXT, second, true, Frames.KEY));
            Frames.Frame one = e.read();
            Frames.Frame two = e.read();
            assertThat(two.opcode()).as("§7.1.1.2: the client's second message decompressed with the window of its first, echoed: %s", two)
                    .isEqualTo(TEXT);
            assertThat(e.received).extracting(Message::text).containsExactly("Hello, Hello, Hello", "Hello, Hello, Hello");
            assertThat(one.rsv()).as("compressed (RSV1)").isEqualTo(0b100);
            assertThat(two.payload()).as("§7.1.1.1: the server resets its compressor after every message: the second echo does not refer to the first")
                    .isEqualTo(one.payload());
        }
    }

    /** One message compressed by {@code deflater} (RFC 7692 §7.2.1: flushed, the trailing 00 00 ff ff removed). */
    private static byte[] compressed(Deflater deflater, String text) {
        deflater.setInput(Frames.utf8(text));
        byte[] buffer = new byte[256];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        assertThat(java.util.Arrays.copyOfRange(buffer, n - 4, n)).isEqualTo(Frames.hex("0000ffff"));
        return java.util.Arrays.copyOf(buffer, n - 4);
    }
}
