package dev.netlab.transport.frame;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of the length-prefixed frame decoder (Jazzer; lab-kit/README.md#fuzzing).
 * The input's first octet picks the piece size (1 to 8) and the frame limit (64 KiB, the key-value
 * server's, or 16 octets); the rest is the stream. It is decoded whole and in pieces, then
 * {@code finish()}ed: only {@link FrameException} may escape, both feedings must give the same
 * frames and the same error, and the frames, encoded again by {@link FrameEncoder}, must be
 * exactly the octets they were decoded from. Seeds: the kept inputs under
 * {@code FrameDecoderFuzzTestInputs/decode/}. Fuzz it: {@code ./lab fuzz day2-tcp-udp 10 FrameDecoderFuzzTest}.
 */
@Checkpoint(id = "2.06", title = "Length-prefixed framing (every split, limits before payload)",
        edit = {"dev/netlab/transport/frame/FrameDecoder.java", "dev/netlab/transport/frame/FrameEncoder.java"},
        hint = "a resumable decoder: collect 4 length octets, check the limit, then collect that many payload octets",
        readme = "#framing")
class FrameDecoderFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("FrameDecoder", FrameException.class);

    /** The key-value server's frame limit (KvServer.MAX_FRAME). */
    private static final int KV_MAX_FRAME = 64 * 1024;

    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        RULE.check(input, () -> {
            if (input.length == 0) {
                return;
            }
            int piece = 1 + (input[0] & 0x07);
            int max = (input[0] & 0x08) != 0 ? 16 : KV_MAX_FRAME;
            ByteBuffer stream = ByteBuffer.wrap(input, 1, input.length - 1).slice();
            String whole = frames(stream.duplicate(), stream.remaining(), max);
            String pieces = frames(stream.duplicate(), piece, max);
            if (!whole.equals(pieces)) {
                throw new AssertionError("FrameDecoder gives other frames fed " + piece + " octets at a time\nwhole:  "
                        + whole + "\npieces: " + pieces);
            }
            reencodes(stream.duplicate(), max);
        });
    }

    /** The frames and the error, if any, written out. */
    private static String frames(ByteBuffer stream, int piece, int max) {
        FrameDecoder decoder = new FrameDecoder(max);
        StringBuilder out = new StringBuilder();
        try {
            while (stream.hasRemaining()) {
                ByteBuffer chunk = stream.slice(stream.position(), Math.min(piece, stream.remaining()));
                stream.position(stream.position() + chunk.remaining());
                for (int guard = 0; ; guard++) {
                    if (guard > chunk.capacity() + 1) {
                        throw new AssertionError("FrameDecoder returns frames without consuming octets");
                    }
                    byte[] frame = decoder.decode(chunk);
                    if (frame == null) {
                        break;
                    }
                    out.append(HexFormat.of().formatHex(frame)).append(';');
                }
                if (chunk.hasRemaining()) {
                    throw new AssertionError("FrameDecoder returned null with " + chunk.remaining() + " octets unread");
                }
            }
            decoder.finish();
            out.append("end");
        } catch (FrameException e) {
            out.append("error ").append(e.code());
        }
        return out.toString();
    }

    /** Each decoded frame, encoded again, is the octets it came from. */
    private static void reencodes(ByteBuffer stream, int max) throws FrameException {
        FrameDecoder decoder = new FrameDecoder(max);
        FrameEncoder encoder = new FrameEncoder(max);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        int start = stream.position();
        List<byte[]> frames = new ArrayList<>();
        try {
            for (byte[] f = decoder.decode(stream); f != null; f = decoder.decode(stream)) {
                frames.add(f);
                again.writeBytes(encoder.encode(f));
            }
        } catch (FrameException e) {
            return; // the error was compared above
        }
        byte[] consumed = new byte[again.size()];
        stream.get(start, consumed);
        if (!java.util.Arrays.equals(consumed, again.toByteArray())) {
            throw new AssertionError("FrameEncoder does not give back the octets of the " + frames.size()
                    + " frame(s) decoded from them");
        }
    }
}
