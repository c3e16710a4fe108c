package dev.netlab.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 2.13: the TCP header (RFC 9293 §3.1), on a SYN and SYN-ACK captured from Linux.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 12 mutants, 12 killed, no new row needed): the sequence number read as a signed int
 * (3632560277 is over 2^31); 16-bit fields read little-endian; the data offset taken from the low
 * nibble of octet 12, or counted in octets instead of 32-bit words; no minimum data offset of 5;
 * the 20-octet minimum off by one; options cut off by the segment's end not noticed; the buffer's
 * offset ignored; {@code has} true when any one of the flags asked for is set; flags named lowest
 * bit first; window and urgent pointer swapped; the payload length counted from octet 20 instead
 * of the data offset.
 */
@Checkpoint(id = "2.13", title = "The TCP header (RFC 9293 §3.1)",
        edit = "dev/netlab/transport/tcp/TcpHeader.java",
        hint = "ports 16 bits, seq and ack 32 bits unsigned, data offset = high nibble of octet 12 in words, flags = octet 13",
        readme = "#the-tcp-header")
class TcpHeaderTest {
    private static final HexFormat HEX = HexFormat.of();

    /** A SYN from Linux (nc 127.0.0.1 7999), captured on lo. */
    private static final byte[] SYN = HEX.parseHex(
            "a56a" + "1f3f"         // source port 42346, destination port 7999
            + "d8847895"            // sequence number 3632560277 (over 2^31: unsigned!)
            + "00000000"            // acknowledgment number 0 (ACK not set)
            + "a0" + "02"           // data offset 10 words = 40 octets; flags: SYN
            + "ffd7"                // window 65495
            + "fe30" + "0000"       // checksum, urgent pointer
            + "0204ffd7"            // option MSS 65495
            + "0402"                // option SACK permitted
            + "080a846d62bd00000000" // option timestamps
            + "01"                  // NOP
            + "03030a");            // window scale 10

    /** The SYN-ACK that answered it: ack = the SYN's sequence number + 1. */
    private static final byte[] SYN_ACK = HEX.parseHex(
            "1f3f" + "a56a" + "0217ca4e" + "d8847896" + "a0" + "12" + "ffcb" + "fe30" + "0000"
            + "0204ffd7" + "0402" + "080a498b6336846d62bd" + "01" + "03030a");

    @Test
    @DisplayName("a real SYN: ports, unsigned sequence number, data offset 10, flags SYN, window, 20 option octets")
    void syn() throws SegmentException {
        TcpHeader h = TcpHeader.decode(SYN, 0, SYN.length);
        assertThat(h.sourcePort()).isEqualTo(42346);
        assertThat(h.destinationPort()).isEqualTo(7999);
        assertThat(h.sequence()).isEqualTo(3_632_560_277L);
        assertThat(h.acknowledgment()).isZero();
        assertThat(h.dataOffset()).isEqualTo(10);
        assertThat(h.flags()).isEqualTo(TcpHeader.SYN);
        assertThat(h.flagNames()).isEqualTo("SYN");
        assertThat(h.window()).isEqualTo(65495);
        assertThat(h.checksum()).isEqualTo(0xfe30);
        assertThat(h.options()).hasSize(20).startsWith(0x02, 0x04, 0xff, 0xd7);
        assertThat(h.payloadLength()).isZero();
    }

    @Test
    @DisplayName("the SYN-ACK acknowledges the SYN's sequence number + 1 (RFC 9293 §3.5)")
    void synAck() throws SegmentException {
        TcpHeader syn = TcpHeader.decode(SYN, 0, SYN.length);
        TcpHeader h = TcpHeader.decode(SYN_ACK, 0, SYN_ACK.length);
        assertThat(h.has(TcpHeader.SYN | TcpHeader.ACK)).isTrue();
        assertThat(h.has(TcpHeader.FIN)).isFalse();
        assertThat(h.flagNames()).isEqualTo("ACK,SYN");
        assertThat(h.acknowledgment()).isEqualTo(syn.sequence() + 1);
        assertThat(h.sequence()).isEqualTo(0x0217ca4eL);
    }

    @Test
    @DisplayName("has(flag) on a header with more flags set; a bare 20-octet header (no options) decodes")
    void flagsAndMinimalHeader() throws SegmentException {
        TcpHeader synAck = TcpHeader.decode(SYN_ACK, 0, SYN_ACK.length);
        assertThat(synAck.has(TcpHeader.SYN)).as("SYN is set in a SYN-ACK").isTrue();
        assertThat(synAck.has(TcpHeader.ACK)).as("ACK is set in a SYN-ACK").isTrue();
        assertThat(synAck.has(TcpHeader.SYN | TcpHeader.FIN)).as("has() wants every flag asked for").isFalse();
        byte[] bare = SYN.clone();
        bare[12] = 0x50; // data offset 5 words: the fixed header alone
        TcpHeader h = TcpHeader.decode(bare, 0, 20);
        assertThat(h.dataOffset()).isEqualTo(5);
        assertThat(h.options()).isEmpty();
        assertThat(h.payloadLength()).isZero();
    }

    @Test
    @DisplayName("a segment with data inside a larger buffer: offset honoured, payload counted, all flags named in order")
    void payloadAndOffset() throws SegmentException {
        byte[] buffer = HEX.parseHex("eeee" // 2 octets before the segment
                + "1f40" + "0050" + "ffffffff" + "80000000"
                + "50" + "ff"                  // data offset 5, every flag set
                + "0000" + "1234" + "0007"
                + "68656c6c6f");               // "hello"
        TcpHeader h = TcpHeader.decode(buffer, 2, buffer.length - 2);
        assertThat(h.sourcePort()).isEqualTo(8000);
        assertThat(h.destinationPort()).isEqualTo(80);
        assertThat(h.sequence()).isEqualTo(0xffffffffL);
        assertThat(h.acknowledgment()).isEqualTo(0x80000000L);
        assertThat(h.options()).isEmpty();
        assertThat(h.payloadLength()).isEqualTo(5);
        assertThat(h.urgentPointer()).isEqualTo(7);
        assertThat(h.flagNames()).isEqualTo("CWR,ECE,URG,ACK,PSH,RST,SYN,FIN");
    }

    @Test
    @DisplayName("19 octets: TRUNCATED")
    void tooShort() {
        assertThatThrownBy(() -> TcpHeader.decode(SYN, 0, 19)).isInstanceOf(SegmentException.class)
                .extracting("code").isEqualTo(SegmentError.TRUNCATED);
    }

    @Test
    @DisplayName("a data offset of 4 words: BAD_DATA_OFFSET (checked before the length it declares)")
    void badDataOffset() {
        byte[] bad = SYN.clone();
        bad[12] = 0x40; // data offset 4: shorter than the fixed header itself
        assertThatThrownBy(() -> TcpHeader.decode(bad, 0, bad.length)).isInstanceOf(SegmentException.class)
                .extracting("code").isEqualTo(SegmentError.BAD_DATA_OFFSET);
    }

    @Test
    @DisplayName("options cut off: data offset 10 (40 octets) but only 30 present is TRUNCATED")
    void optionsCutOff() {
        assertThatThrownBy(() -> TcpHeader.decode(SYN, 0, 30)).isInstanceOf(SegmentException.class)
                .extracting("code").isEqualTo(SegmentError.TRUNCATED);
    }
}
