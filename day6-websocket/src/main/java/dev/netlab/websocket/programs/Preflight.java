package dev.netlab.websocket.programs;

import dev.netlab.kit.StubSurvey;
import dev.netlab.websocket.Role;
import dev.netlab.websocket.WireInput;
import dev.netlab.websocket.connection.ConnectionSettings;
import dev.netlab.websocket.connection.KeepAlive;
import dev.netlab.websocket.connection.WebSocketConnection;
import dev.netlab.websocket.connection.WebSocketHandler;
import dev.netlab.websocket.deflate.DeflateNegotiation;
import dev.netlab.websocket.deflate.MessageDeflater;
import dev.netlab.websocket.frame.CloseFrame;
import dev.netlab.websocket.frame.FrameReader;
import dev.netlab.websocket.frame.FrameWriter;
import dev.netlab.websocket.frame.Masking;
import dev.netlab.websocket.handshake.Handshake;
import dev.netlab.websocket.message.MessageAssembler;
import dev.netlab.websocket.message.Utf8Validator;
import dev.netlab.websocket.room.BroadcastRoom;
import dev.netlab.websocket.sse.EventLog;
import dev.netlab.websocket.sse.EventStreamEncoder;
import dev.netlab.websocket.sse.ServerSentEvent;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Before the program starts: calls each exercise class the server uses once, on harmless
 * input, and collects the checkpoints whose code is still a stub — so the program stops with
 * one line naming them instead of failing on the first connection.
 */
public final class Preflight {
    private Preflight() {}

    /** "checkpoints 6.03, 6.07" or null when nothing is a stub. */
    static String missingCheckpoints() {
        return survey().missing();
    }

    /**
     * For a test about to start the server (a program's JVM, or one in its own JVM that real
     * clients or a browser will talk to): throws the first stub the server would reach, as
     * {@link #missingCheckpoints()} finds them (run it in a {@link dev.netlab.kit.StubProbe}).
     */
    public static void throwFirstStub() {
        survey().throwFirst();
    }

    /** Each exercise class the server uses, called once on harmless input, in the order the server reaches them. */
    private static StubSurvey survey() {
        return StubSurvey.of(List.of(
                () -> Handshake.acceptValue("dGhlIHNhbXBsZSBub25jZQ=="),
                () -> new FrameReader(Role.SERVER, 10).allowRsv(0),
                () -> Masking.apply(new byte[4], 0, 4, 1, 0),
                () -> FrameWriter.encodeHeader(new byte[14], 0, true, 0, dev.netlab.websocket.Opcode.TEXT, 1, false, 0),
                () -> new Utf8Validator().feed(new byte[] {'a'}, 0, 1),
                () -> new MessageAssembler(10).inMessage(),
                () -> CloseFrame.isValidCode(1000),
                () -> new WebSocketConnection(WireInput.of(new byte[0]), OutputStream.nullOutputStream(), () -> { },
                        ConnectionSettings.server(), new WebSocketHandler() { }).state(),
                () -> new KeepAlive(Duration.ZERO, Duration.ZERO, Instant.EPOCH).tick(Instant.EPOCH),
                () -> DeflateNegotiation.negotiate(List.of("permessage-deflate")),
                () -> new MessageDeflater(true).compress(new byte[1], 0, 1),
                () -> new BroadcastRoom(1, Duration.ZERO).size(),
                () -> EventStreamEncoder.encode(ServerSentEvent.data("x")),
                () -> new EventLog(1).lastId()));
    }
}
