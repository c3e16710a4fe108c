package dev.netlab.transport.rdt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.fuzz.FuzzRule;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of the reliable-delivery segment decoder (Jazzer;
 * lab-kit/README.md#fuzzing). {@link RdtSegment} is given code, so this target belongs to no
 * checkpoint and passes on both tracks. Each input is one UDP datagram. {@code decode} answers a
 * segment or null ("not a segment of this protocol"): nothing may escape it; it reads no octet
 * outside the datagram's remaining octets; and a segment it returns, encoded and decoded again,
 * is the same segment (DATA keeps only the FIN flag, ACK is exactly 10 octets). Seeds: the kept
 * inputs under {@code RdtSegmentFuzzTestInputs/decode/}. Fuzz it: {@code ./lab fuzz day2-tcp-udp 10 RdtSegmentFuzzTest}.
 */
class RdtSegmentFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("RdtSegment.decode");

    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        RULE.check(input, () -> {
            // the datagram sits inside a larger buffer, as a receive buffer holds it: position 2, limit before the junk
            ByteBuffer buf = ByteBuffer.allocate(input.length + 4);
            buf.put(new byte[] {(byte) 0xEE, (byte) 0xEE}).put(input).put(new byte[] {(byte) 0xEE, (byte) 0xEE});
            buf.position(2).limit(2 + input.length);
            RdtSegment s = RdtSegment.decode(buf);
            if (s == null) {
                return;
            }
            RdtSegment again = RdtSegment.decode(s.encode());
            if (again == null || again.type() != s.type() || again.fin() != s.fin() || again.seq() != s.seq()
                    || again.sack() != s.sack() || !Arrays.equals(again.payload(), s.payload())) {
                throw new AssertionError("RdtSegment does not survive encode and decode: " + s + " became " + again);
            }
            if (s.type() == RdtSegment.Type.DATA && s.payload().length != input.length - RdtSegment.DATA_HEADER) {
                throw new AssertionError("a DATA segment's payload is everything after its 6-octet header: "
                        + s.payload().length + " octets of " + input.length);
            }
        });
    }
}
