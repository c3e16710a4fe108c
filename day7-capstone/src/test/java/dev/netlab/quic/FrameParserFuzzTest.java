package dev.netlab.quic;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of {@link FrameParser} and {@link CryptoReassembler} (Jazzer). One
 * input is a decrypted Initial payload. Only a CONNECTION-scope {@link QuicException} may
 * escape; ACK ranges come out descending and never below 0; the CRYPTO frames, fed to a
 * reassembler, never hand out more octets than they carried. Seeds: the payloads of RFC 9001
 * A.2 and A.3 under {@code FrameParserFuzzTestInputs/parse/}.
 * Fuzz it: {@code ./lab fuzz day7-capstone 10 FrameParserFuzzTest} (lab-kit/README.md#fuzzing).
 */
@Checkpoint(id = "7.25", title = "Frames of an Initial, and the CRYPTO stream reassembled",
        edit = {"dev/netlab/quic/FrameParser.java", "dev/netlab/quic/CryptoReassembler.java"},
        hint = "type (i) then fields (i); Initial packets allow PADDING, PING, ACK, CRYPTO, CONNECTION_CLOSE 0x1c only; reassemble CRYPTO by offset",
        readme = "ADVANCED.md#frames-and-the-crypto-stream")
class FrameParserFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("FrameParser", QuicException.class);

    @FuzzTest(maxDuration = "10m")
    void parse(byte[] input) {
        RULE.check(input, () -> {
            List<Frame> frames = FrameParser.parse(input, PacketType.INITIAL);
            CryptoReassembler crypto = new CryptoReassembler(4096);
            long carried = 0;
            long handedOut = 0;
            for (Frame f : frames) {
                if (f instanceof Frame.Ack a) {
                    long below = Long.MAX_VALUE;
                    for (Frame.AckRange r : a.ranges()) {
                        if (r.smallest() < 0 || r.smallest() > r.largest() || r.largest() >= below) {
                            throw new AssertionError("ACK ranges not descending and non-negative: " + a);
                        }
                        below = r.smallest();
                    }
                } else if (f instanceof Frame.Crypto c) {
                    carried += c.data().length;
                    crypto.accept(c.offset(), c.data());
                    handedOut += crypto.read().length;
                }
            }
            if (handedOut > carried) {
                throw new AssertionError("the reassembler handed out " + handedOut + " octets from " + carried);
            }
        });
    }
}
