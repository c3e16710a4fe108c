package dev.netlab.transport.rdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The given segment format (not a checkpoint: it must pass on the stubs too). */
class RdtSegmentTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String hex(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return HEX.formatHex(a);
    }

    @Test
    @DisplayName("DATA, FIN and ACK encode as documented and decode back")
    void roundTrip() {
        assertThat(hex(RdtSegment.data(0x01020304, new byte[] {0x68, 0x69}).encode())).isEqualTo("0000010203046869");
        assertThat(hex(RdtSegment.fin(7).encode())).isEqualTo("000100000007");
        assertThat(hex(RdtSegment.ack(5, 9).encode())).isEqualTo("01000000000500000009");
        RdtSegment d = RdtSegment.decode(ByteBuffer.wrap(HEX.parseHex("0000000000026869")));
        assertThat(d.type()).isEqualTo(RdtSegment.Type.DATA);
        assertThat(d.seq()).isEqualTo(2);
        assertThat(d.payload()).containsExactly(0x68, 0x69);
        assertThat(RdtSegment.decode(ByteBuffer.wrap(HEX.parseHex("000100000007"))).fin()).isTrue();
        RdtSegment a = RdtSegment.decode(ByteBuffer.wrap(HEX.parseHex("01000000000500000009")));
        assertThat(a.type()).isEqualTo(RdtSegment.Type.ACK);
        assertThat(a.seq()).isEqualTo(5);
        assertThat(a.sack()).isEqualTo(9);
    }

    @Test
    @DisplayName("what is not a segment decodes to null: too short, unknown type, an ACK of the wrong length")
    void notSegments() {
        assertThat(RdtSegment.decode(ByteBuffer.wrap(HEX.parseHex("0000000000")))).isNull();
        assertThat(RdtSegment.decode(ByteBuffer.wrap(HEX.parseHex("070000000001")))).isNull();
        assertThat(RdtSegment.decode(ByteBuffer.wrap(HEX.parseHex("0100000000050000")))).isNull();
    }
}
