package dev.netlab.http2.programs;

import dev.netlab.http2.frame.FrameDecoder;
import dev.netlab.http2.frame.FrameHeader;
import dev.netlab.http2.hpack.DynamicTable;
import dev.netlab.http2.hpack.HeaderField;
import dev.netlab.http2.hpack.HpackDecoder;
import dev.netlab.http2.hpack.HpackEncoder;
import dev.netlab.http2.hpack.HpackInteger;
import dev.netlab.http2.hpack.Huffman;
import dev.netlab.http2.hpack.OctetBuffer;
import dev.netlab.http2.hpack.StringLiteral;
import dev.netlab.http2.server.Http2Connection;
import dev.netlab.http2.server.Response;
import dev.netlab.http2.server.ServerSettings;
import dev.netlab.http2.stream.FlowWindow;
import dev.netlab.http2.stream.RequestAssembler;
import dev.netlab.http2.stream.RequestHead;
import dev.netlab.http2.stream.ResponseFrames;
import dev.netlab.http2.stream.StreamEvent;
import dev.netlab.http2.stream.StreamState;
import dev.netlab.kit.StubSurvey;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

/**
 * Before the program starts: calls each exercise class the server uses once, on harmless
 * input, and collects the checkpoints whose code is still a stub — so the program stops with
 * one line naming them instead of failing on the first connection.
 */
public final class Preflight {
    private Preflight() {}

    /** "checkpoints 5.01, 5.03" or null when nothing is a stub. */
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
        byte[] ping = {0, 0, 8, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        List<HeaderField> get = List.of(new HeaderField(":method", "GET"), new HeaderField(":scheme", "http"),
                new HeaderField(":path", "/"));
        return StubSurvey.of(List.of(
                () -> FrameHeader.read(ByteBuffer.wrap(ping)),
                () -> new FrameDecoder().decode(new FrameHeader(8, 6, 0, 0), ByteBuffer.wrap(ping, 9, 8)),
                () -> HpackInteger.decode(10, 5, ByteBuffer.allocate(0)),
                () -> StringLiteral.decode(ByteBuffer.wrap(new byte[] {1, 'a'})),
                () -> Huffman.encodedLength("a"),
                () -> new DynamicTable(4096).length(),
                () -> new HpackDecoder(4096, 1 << 16).decode(ByteBuffer.wrap(new byte[] {(byte) 0x82})),
                () -> new HpackEncoder(4096).encode(get, new OctetBuffer()),
                () -> StreamState.IDLE.next(StreamEvent.RECV_HEADERS, 1),
                () -> new FlowWindow(1, 10).size(),
                () -> ResponseFrames.headers(1, new byte[1], true, 16384),
                () -> new RequestAssembler(1, RequestHead.of(get, 1, false), 10).headersEnded(),
                () -> {
                    Http2Connection c = new Http2Connection(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                            r -> Response.text(200, ""), ServerSettings.defaults());
                    c.isOpen();
                    c.shutdown(Duration.ZERO); // ends its writer thread
                }));
    }
}
