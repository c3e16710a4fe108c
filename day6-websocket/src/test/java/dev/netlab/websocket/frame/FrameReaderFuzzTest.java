package dev.netlab.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.Role;
import dev.netlab.websocket.WebSocketException;
import dev.netlab.websocket.WireInput;
import java.io.EOFException;

/**
 * Coverage-guided fuzzing of the frame reader (Jazzer). A normal test run replays the
 * regression inputs in {@code src/test/resources/dev/netlab/websocket/frame/FrameReaderFuzzTestInputs/frames/}
 * (RFC 6455 §5.7's frames, a 2^63-1 length, a reserved opcode, a fragmented ping, a truncated
 * header); to fuzz for real: {@code JAZZER_FUZZ=1 ./mvnw -Psolutions -pl day6-websocket test -Dtest=FrameReaderFuzzTest}.
 * Only {@link WebSocketException} (and the {@link EOFException} of a stream that ends) may
 * escape; every header it returns keeps the rules (length within the limit, control frames
 * final and at most 125 octets), and nothing is allocated by an untrusted length.
 */
@Checkpoint(id = "6.03", title = "Frame headers: lengths, RSV bits, opcodes, the mask bit",
        edit = "dev/netlab/websocket/frame/FrameReader.java",
        hint = "check every rule at the octet that reveals it; never allocate by a length you have not checked",
        readme = "#frames")
class FrameReaderFuzzTest {
    private static final long LIMIT = 1 << 16;

    @FuzzTest(maxDuration = "10m")
    void frames(byte[] input) throws Exception {
        for (Role role : Role.values()) {
            FrameReader reader = new FrameReader(role, LIMIT);
            reader.allowRsv(input.length > 0 && (input[0] & 1) == 1 ? FrameHeader.RSV1 : 0);
            WireInput in = WireInput.of(input);
            byte[] buf = new byte[512];
            try {
                for (int frames = 0; frames < 1000 && !in.atEnd(); frames++) {
                    FrameHeader h = reader.readHeader(in);
                    assertThat(h.length()).isBetween(0L, LIMIT);
                    if (h.opcode().isControl()) {
                        assertThat(h.fin()).isTrue();
                        assertThat(h.length()).isLessThanOrEqualTo(125);
                    }
                    assertThat(h.masked()).isEqualTo(role == Role.SERVER);
                    for (long done = 0; done < h.length(); ) {
                        done += reader.readPayload(in, h, done, buf, 0, buf.length);
                    }
                }
            } catch (WebSocketException | EOFException expected) {
                // the two outcomes allowed
            }
        }
    }
}
