package dev.netlab.quic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tests' own key schedule and sealer, against RFC 9001 A.1 and A.2 (given test code: passes on both tracks). */
class InitialSecretsTestSupportTest {
    @Test
    @DisplayName("the tests' key schedule gives RFC 9001 A.1's client keys, and their sealer A.2's packet")
    void matchesTheRfc() {
        PacketKeys k = InitialSecretsTestSupport.client(Rfc9001.DCID);
        assertThat(HexFormat.of().formatHex(k.key())).isEqualTo(Rfc9001.CLIENT_KEY);
        assertThat(HexFormat.of().formatHex(k.iv())).isEqualTo(Rfc9001.CLIENT_IV);
        assertThat(HexFormat.of().formatHex(k.hp())).isEqualTo(Rfc9001.CLIENT_HP);
        byte[] payload = java.util.Arrays.copyOf(Rfc9001.hex("060040f1" + Rfc9001.CLIENT_HELLO), 1162);
        assertThat(Sealer.seal(k, Rfc9001.hex(Rfc9001.CLIENT_HEADER), 2, payload)).isEqualTo(Rfc9001.hex(Rfc9001.CLIENT_INITIAL));
    }
}
