package dev.netlab.http2.frame;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of the frame decoder (Jazzer): any octets must decode to frames, ask
 * for more (null), or give an {@link Http2Exception} — never another exception. Each decoded
 * frame must encode back to the octets it came from. Regression inputs:
 * {@code FrameDecoderFuzzTestInputs/frames/}; fuzz for real with
 * {@code ./lab fuzz day5-http2 10 FrameDecoderFuzzTest}.
 */
@Checkpoint(id = "5.02", title = "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules",
        edit = "dev/netlab/http2/frame/FrameDecoder.java",
        hint = "only Http2Exception may leave the decoder: check every length before reading",
        readme = "#frames")
class FrameDecoderFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("FrameDecoder", Http2Exception.class);

    @FuzzTest(maxDuration = "10m")
    void frames(byte[] input) {
        RULE.check(input, () -> {
            String whole = decodeAll(input, input.length);
            String inPieces = decodeAll(input, 7);
            if (!whole.equals(inPieces)) {
                throw new AssertionError("whole and in 7-octet pieces differ:\n  " + whole + "\n  " + inPieces);
            }
        });
    }

    /**
     * Frames (or the error) from {@code input} fed {@code piece} octets at a time; each frame must
     * encode back to a header of its own type and length.
     */
    private static String decodeAll(byte[] input, int piece) {
        FrameDecoder decoder = new FrameDecoder();
        StringBuilder seen = new StringBuilder();
        ByteBuffer buffer = ByteBuffer.allocate(input.length);
        try {
            for (int at = 0; at < input.length; at += piece) {
                buffer.put(input, at, Math.min(piece, input.length - at)).flip();
                Frame frame;
                while ((frame = decoder.decode(buffer)) != null) {
                    seen.append(frame.getClass().getSimpleName()).append(' ').append(frame.payloadLength()).append(';');
                    ByteBuffer again = ByteBuffer.allocate(FrameHeader.LENGTH + frame.payloadLength());
                    frame.encode(again);
                    if (again.hasRemaining()) {
                        throw new AssertionError(frame + " encoded to fewer octets than its payloadLength says");
                    }
                }
                buffer.compact();
            }
        } catch (Http2Exception e) {
            seen.append(e.code()).append(' ').append(e.scope());
        }
        return seen.toString();
    }
}
