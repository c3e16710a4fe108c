package dev.netlab.websocket.frame;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import dev.netlab.websocket.Role;
import dev.netlab.websocket.WebSocketException;
import dev.netlab.websocket.WireInput;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.CRC32;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of the frame reader (Jazzer; lab-kit/README.md#fuzzing): each input is
 * a stream of frames, read as a server (masked frames required) and as a client (masked frames
 * refused), with RSV1 allowed when the first octet is odd. Only {@link WebSocketException} (and
 * the {@link EOFException} of a stream that ends inside a frame) may escape; every header
 * returned keeps the rules (length within the limit, control frames final and at most 125
 * octets, the mask bit as the role requires), and reading the same octets from a source that
 * hands out 1 to 8 octets per read gives the same headers, the same unmasked payloads and the
 * same outcome as reading them whole. Time and memory per input are bounded by the rule: an
 * announced 2^63 - 1 octets must not be allocated. Seeds: RFC 6455 §5.7's frames, a 2^63 - 1
 * length, a 64-bit length with its top bit set, a reserved opcode, a fragmented ping, a close of
 * 126 octets with RSV1, a truncated header (under {@code FrameReaderFuzzTestInputs/frames/}).
 * Fuzz it: {@code ./lab fuzz day6-websocket 10 FrameReaderFuzzTest}.
 */
@Checkpoint(id = "6.03", title = "Frame headers: lengths, RSV bits, opcodes, the mask bit",
        edit = "dev/netlab/websocket/frame/FrameReader.java",
        hint = "check every rule at the octet that reveals it; never allocate by a length you have not checked",
        readme = "#frames")
class FrameReaderFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("FrameReader", WebSocketException.class, EOFException.class);

    private static final long LIMIT = 1 << 16;

    @FuzzTest(maxDuration = "10m")
    void frames(byte[] input) {
        RULE.check(input, () -> {
            int chop = 1 + (input.length == 0 ? 0 : input[input.length - 1] & 0b111);
            for (Role role : Role.values()) {
                if (!read(role, input, WireInput.of(input), null).equals(read(role, input, WireInput.chopped(input, chop), null))) {
                    // only now the readable account (building it for every input would charge the
                    // target's own strings, 4,000 headers for 2 KiB of 2-octet frames, to the reader's heap budget)
                    throw new AssertionError("FrameReader (" + role + ") read the octets differently whole and " + chop
                            + " at a time:\n  whole:  " + read(role, input, WireInput.of(input), new StringBuilder())
                            + "\n  pieces: " + read(role, input, WireInput.chopped(input, chop), new StringBuilder()));
                }
            }
        });
    }

    /**
     * What the reader made of the input: each header and the CRC of its unmasked payload, then how
     * it ended — written out into {@code said} when given, else as a digest of the same account.
     */
    private static String read(Role role, byte[] input, WireInput in, StringBuilder said) throws IOException {
        FrameReader reader = new FrameReader(role, LIMIT);
        reader.allowRsv(input.length > 0 && (input[0] & 1) == 1 ? FrameHeader.RSV1 : 0);
        CRC32 digest = new CRC32();
        int frames = 0;
        byte[] buf = new byte[512];
        try {
            for (; frames < 1000 && !in.atEnd(); frames++) {
                FrameHeader h = reader.readHeader(in);
                check(h.length() >= 0 && h.length() <= LIMIT, "a length outside 0.." + LIMIT, h);
                check(!h.opcode().isControl() || (h.fin() && h.length() <= FrameReader.MAX_CONTROL_PAYLOAD),
                        "a fragmented or over-long control frame", h);
                check(h.masked() == (role == Role.SERVER), "a mask bit the role forbids", h);
                CRC32 crc = new CRC32();
                for (long done = 0; done < h.length(); ) {
                    int n = reader.readPayload(in, h, done, buf, 0, buf.length);
                    check(n > 0, "readPayload returned " + n + " before the payload was complete", h);
                    crc.update(buf, 0, n);
                    done += n;
                }
                if (said != null) {
                    said.append(h).append(" crc=").append(Long.toHexString(crc.getValue())).append("; ");
                } else {
                    for (long field : new long[] {h.fin() ? 1 : 0, h.rsv(), h.opcode().ordinal(), h.masked() ? 1 : 0,
                            h.maskKey(), h.length(), crc.getValue()}) {
                        for (int shift = 0; shift < 64; shift += 8) {
                            digest.update((int) (field >>> shift));
                        }
                    }
                }
            }
            return outcome(said, digest, frames, "end");
        } catch (WebSocketException e) {
            return outcome(said, digest, frames, "fail " + e.code());
        } catch (EOFException e) {
            return outcome(said, digest, frames, "eof");
        }
    }

    private static String outcome(StringBuilder said, CRC32 digest, int frames, String end) {
        return said != null ? said.append(end).toString() : frames + " frames " + Long.toHexString(digest.getValue()) + " " + end;
    }

    private static void check(boolean ok, String what, FrameHeader h) {
        if (!ok) {
            throw new AssertionError("FrameReader returned " + what + ": " + h);
        }
    }
}
