package dev.netlab.quic;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of {@link InitialDecoder} behind real packet protection (Jazzer).
 * One input describes up to three client Initials: a count octet, then per packet a 16-bit
 * packet number, a packet-number-length octet, a 16-bit frames length and the frames; the test
 * seals each with the Initial keys (the tests' own {@link Sealer}), so every input gets past the
 * AEAD into the frame parser, the reassembler and the ClientHello parser. What is left of the
 * input is offered as one raw datagram (header and protection attacked directly). Only
 * {@link QuicException} may escape. Seeds under {@code InitialDecoderFuzzTestInputs/offer/}.
 * Fuzz it: {@code ./lab fuzz day7-capstone 10 InitialDecoderFuzzTest} (lab-kit/README.md#fuzzing).
 */
@Checkpoint(id = "7.27", title = "A client's Initials, end to end; Chromium's, captured live",
        edit = "dev/netlab/quic/InitialDecoder.java",
        hint = "keys from the FIRST Initial's DCID; split coalesced packets by Length; CRYPTO by offset; a ClientHello is complete at 4 + its 24-bit length",
        readme = "ADVANCED.md#chromium-on-the-wire")
class InitialDecoderFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("InitialDecoder", QuicException.class);

    private static final ConnectionId DCID = ConnectionId.ofHex("0001020304050607");
    private static final PacketKeys KEYS = InitialSecretsTestSupport.client(DCID);
    private static final int MAX_FRAMES = 1100;

    @FuzzTest(maxDuration = "10m")
    void offer(byte[] input) {
        RULE.check(input, () -> {
            ByteBuffer in = ByteBuffer.wrap(input);
            InitialDecoder decoder = new InitialDecoder();
            int packets = in.hasRemaining() ? 1 + (in.get() & 0xff) % 3 : 0;
            for (int i = 0; i < packets && in.remaining() >= 5; i++) {
                long pn = in.getShort() & 0xffff;
                int pnLength = 1 + (in.get() & 1);
                int n = Math.min((in.getShort() & 0xffff) % (MAX_FRAMES + 1), in.remaining());
                byte[] frames = new byte[n];
                in.get(frames);
                decoder.offer(Sealer.clientInitial(KEYS, DCID, ConnectionId.ofHex("5c1d"), pn, pnLength, frames, 1200));
            }
            decoder.offer(Arrays.copyOfRange(input, in.position(), input.length));
        });
    }
}
