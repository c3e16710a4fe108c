package dev.netlab.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The given error type: not a checkpoint, passes on both tracks. */
class PacketExceptionTest {
    @Test
    @DisplayName("a packet exception carries its typed error, the offset and a readable message")
    void carriesErrorAndOffset() {
        PacketException e = new PacketException(PacketError.BAD_CHECKSUM, 10, "header checksum 0x1234");
        assertThat(e.error()).isEqualTo(PacketError.BAD_CHECKSUM);
        assertThat(e.offset()).hasValue(10);
        assertThat(e.getMessage()).isEqualTo("bad checksum: header checksum 0x1234 (at byte 10)");
    }

    @Test
    @DisplayName("without an offset, offset() is empty and the message has no position")
    void noOffset() {
        PacketException e = new PacketException(PacketError.TRUNCATED, "need 20 octets");
        assertThat(e.offset()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("packet truncated: need 20 octets");
    }
}
