package dev.netlab.transport.tcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.TcpPacket;

/**
 * Coverage-guided fuzzing of the TCP header decoder (Jazzer; lab-kit/README.md#fuzzing). Each
 * input is a segment (header and data). Only {@link SegmentException} may escape; the segment
 * must decode the same at another offset of a larger buffer; and pcap4j must agree: a segment we
 * accept, pcap4j accepts with the same ports, numbers, data offset, flags, window, checksum,
 * urgent pointer and data length; a segment of at least 20 octets whose data offset is 5 to 15
 * words and within the octets (RFC 9293 §3.1, checked here) we accept. Seeds: the kept inputs
 * under {@code TcpHeaderFuzzTestInputs/decode/}. Fuzz it: {@code ./lab fuzz day2-tcp-udp 10 TcpHeaderFuzzTest}.
 */
@Checkpoint(id = "2.13", title = "The TCP header (RFC 9293 §3.1)",
        edit = "dev/netlab/transport/tcp/TcpHeader.java",
        hint = "ports 16 bits, seq and ack 32 bits unsigned, data offset = high nibble of octet 12 in words, flags = octet 13",
        readme = "#the-tcp-header")
class TcpHeaderFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("TcpHeader.decode", SegmentException.class);

    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        RULE.check(input, () -> {
            String ours = verdict(input, 0, input.length);
            byte[] larger = new byte[input.length + 7];
            Arrays.fill(larger, (byte) 0x5A);
            System.arraycopy(input, 0, larger, 3, input.length);
            String shifted = verdict(larger, 3, input.length);
            if (!ours.equals(shifted)) {
                throw new AssertionError("TcpHeader.decode reads the same octets differently at offset 3 (does it use off?)\n"
                        + "at 0: " + ours + "\nat 3: " + shifted);
            }
            // pcap4j decodes the payload too (by port: DNS, ...), at its own cost in heap: a second
            // opinion, not charged to TcpHeader.decode's budget
            Object opinion = FuzzRule.secondOpinion(() -> {
                try {
                    return TcpPacket.newPacket(input, 0, input.length);
                } catch (IllegalRawDataException e) {
                    return "refuses";
                } catch (RuntimeException e) {
                    return null; // pcap4j's own trouble: no second opinion
                }
            });
            if (opinion == null) {
                return;
            }
            TcpPacket theirs = opinion instanceof TcpPacket p ? p : null;
            boolean refused = theirs == null;
            boolean accepted = !ours.startsWith("error");
            if (accepted && refused) {
                throw disagree("TcpHeader.decode accepts a segment pcap4j refuses", input, ours, "refuses");
            }
            if (accepted && theirs != null && !ours.equals(pcap4j(theirs, input.length))) {
                throw disagree("TcpHeader.decode and pcap4j read different fields", input, ours, pcap4j(theirs, input.length));
            }
            if (!accepted && validByRfc9293(input)) {
                throw disagree("TcpHeader.decode refuses a segment whose header is valid by RFC 9293 §3.1", input, ours,
                        theirs == null ? "refuses" : pcap4j(theirs, input.length));
            }
        });
    }

    private static String verdict(byte[] b, int off, int len) {
        try {
            TcpHeader h = TcpHeader.decode(b, off, len);
            return fields(h.sourcePort(), h.destinationPort(), h.sequence(), h.acknowledgment(), h.dataOffset(), h.flags(),
                    h.window(), h.checksum(), h.urgentPointer(), h.payloadLength());
        } catch (SegmentException e) {
            return "error " + e.code();
        }
    }

    private static String pcap4j(TcpPacket p, int length) {
        TcpPacket.TcpHeader h = p.getHeader();
        // pcap4j 1.8 keeps RFC 793's 6 reserved bits: CWR and ECE (RFC 3168) are the last two of them
        int flags = (h.getReserved() & 0b11) << 6 | (h.getUrg() ? 0x20 : 0) | (h.getAck() ? 0x10 : 0)
                | (h.getPsh() ? 0x08 : 0) | (h.getRst() ? 0x04 : 0) | (h.getSyn() ? 0x02 : 0) | (h.getFin() ? 0x01 : 0);
        int dataOffset = h.getDataOffsetAsInt();
        return fields(h.getSrcPort().valueAsInt(), h.getDstPort().valueAsInt(), h.getSequenceNumberAsLong(),
                h.getAcknowledgmentNumberAsLong(), dataOffset, flags, h.getWindowAsInt(), h.getChecksum() & 0xFFFF,
                h.getUrgentPointerAsInt(), length - dataOffset * 4);
    }

    private static String fields(Object... values) {
        return Arrays.toString(values);
    }

    private static boolean validByRfc9293(byte[] b) {
        if (b.length < 20) {
            return false;
        }
        int dataOffset = (b[12] & 0xF0) >>> 4;
        return dataOffset >= 5 && dataOffset * 4 <= b.length;
    }

    private static AssertionError disagree(String what, byte[] input, String ours, String theirs) {
        return new AssertionError(what + "\n  ours:   " + ours + "\n  pcap4j: " + theirs + "\n  input:  "
                + HexFormat.of().formatHex(input));
    }
}
