package dev.netlab.quic;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of {@link HeaderParser} (Jazzer). One input is a datagram; every
 * packet in it is parsed in turn, as a receiver walks coalesced packets. Only a PACKET-scope
 * {@link QuicException} may escape; a header that parses lies within the datagram, its packet
 * number offset inside the packet, and the next packet starts after it. Seeds: RFC 9001 A.2
 * and A.3 under {@code HeaderParserFuzzTestInputs/parse/}.
 * Fuzz it: {@code ./lab fuzz day7-capstone 10 HeaderParserFuzzTest} (lab-kit/README.md#fuzzing).
 */
@Checkpoint(id = "7.22", title = "Long and short headers, coalesced packets",
        edit = "dev/netlab/quic/HeaderParser.java",
        hint = "form bit 0x80, fixed bit 0x40, type bits 0x30; Initial: token length + token, then Length counts from the packet number",
        readme = "ADVANCED.md#long-and-short-headers")
class HeaderParserFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("HeaderParser", QuicException.class);

    @FuzzTest(maxDuration = "10m")
    void parse(byte[] input) {
        RULE.check(input, () -> {
            int offset = 0;
            for (int guard = 0; offset < input.length && guard < input.length; guard++) {
                PacketHeader h;
                try {
                    h = HeaderParser.parse(input, offset, 8);
                } catch (QuicException e) {
                    if (e.scope() != QuicException.Scope.PACKET) {
                        throw new AssertionError("a header fault must discard the packet, not close the connection: " + e);
                    }
                    return;
                }
                if (h.offset() != offset || h.end() <= offset || h.end() > input.length) {
                    throw new AssertionError("header " + h + " does not lie within [" + offset + ", " + input.length + ")");
                }
                if (h instanceof PacketHeader.LongHeader l
                        && (l.packetNumberOffset() <= offset || l.packetNumberOffset() >= l.end()
                            || l.end() - l.packetNumberOffset() != l.length())) {
                    throw new AssertionError("packet number offset or Length inconsistent: " + l);
                }
                offset = h.end();
            }
        });
    }
}
