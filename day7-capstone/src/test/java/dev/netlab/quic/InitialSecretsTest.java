package dev.netlab.quic;

import static dev.netlab.quic.Rfc9001.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 7.23. Mistakes it catches: salt and key swapped in HKDF-Extract (HMAC keyed with
 * the connection ID), the counter octet starting at 0 or placed before the info, only one
 * HMAC block produced (lengths over 32), the "tls13 " prefix missing or the label length not
 * counting it, the length written in one octet instead of two, the context's length octet
 * left out, "client in" and "server in" swapped, key/iv/hp lengths wrong (12 for the key, 16
 * for the IV), the salt of a draft version; the context left out of the info (QUIC's is always
 * empty: RFC 8448's "derived" secret has one), the length's high octet shifted the wrong way
 * (QUIC's lengths are all under 256), the limits of RFC 5869 (L up to 255 × 32) and RFC 8446
 * §7.1 (a label and a context up to 255 octets) off by one.
 */
@Checkpoint(id = "7.23", title = "Initial secrets: HKDF from the Destination Connection ID",
        edit = {"dev/netlab/quic/Hkdf.java", "dev/netlab/quic/InitialSecrets.java"},
        hint = "Extract = HMAC(salt, dcid); Expand-Label's info = uint16 length | uint8 len | \"tls13 \"+label | uint8 0 (empty context)",
        readme = "ADVANCED.md#initial-secrets")
class InitialSecretsTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 5869 Appendix A.1, Test Case 1 (SHA-256). */
    @Test
    @DisplayName("RFC 5869 A.1: HKDF-Extract and HKDF-Expand over two HMAC blocks (42 octets)")
    void rfc5869_A_1() {
        byte[] ikm = hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = hex("000102030405060708090a0b0c");
        byte[] info = hex("f0f1f2f3f4f5f6f7f8f9");
        byte[] prk = Hkdf.extract(salt, ikm);
        assertThat(HEX.formatHex(prk)).isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assertThat(HEX.formatHex(Hkdf.expand(prk, info, 42)))
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    /** RFC 5869 Appendix A.3, Test Case 3: zero-length salt and info. */
    @Test
    @DisplayName("RFC 5869 A.3: an empty salt is a key of zeros; an empty info works")
    void rfc5869_A_3() {
        byte[] ikm = hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] prk = Hkdf.extract(new byte[0], ikm);
        assertThat(HEX.formatHex(prk)).isEqualTo("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04");
        assertThat(HEX.formatHex(Hkdf.expand(prk, new byte[0], 42)))
                .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Test
    @DisplayName("HKDF-Expand-Label's info is uint16 length, the label with \"tls13 \" before it, the context")
    void expandLabel() {
        byte[] secret = hex(Rfc9001.CLIENT_INITIAL_SECRET);
        byte[] info = hex("0010" + "0e" + HEX.formatHex("tls13 quic key".getBytes(StandardCharsets.US_ASCII)) + "00");
        assertThat(HEX.formatHex(Hkdf.expandLabel(secret, "quic key", new byte[0], 16)))
                .isEqualTo(HEX.formatHex(Hkdf.expand(secret, info, 16)))
                .isEqualTo(Rfc9001.CLIENT_KEY);
    }

    /** RFC 8446 §7.1: Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length). */
    @Test
    @DisplayName("RFC 8448 §3: the \"derived\" secret of the early secret has the SHA-256 of nothing as its context; 300 octets carry the length's high octet")
    void contextAndLongLengths() throws Exception {
        byte[] early = Hkdf.extract(new byte[0], new byte[32]);
        assertThat(HEX.formatHex(early)).isEqualTo("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
        byte[] emptyHash = java.security.MessageDigest.getInstance("SHA-256").digest(new byte[0]);
        assertThat(HEX.formatHex(Hkdf.expandLabel(early, "derived", emptyHash, 32)))
                .isEqualTo("6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");
        byte[] info = hex("012c" + "0d" + HEX.formatHex("tls13 derived".getBytes(StandardCharsets.US_ASCII)) + "20" + HEX.formatHex(emptyHash));
        assertThat(Hkdf.expandLabel(early, "derived", emptyHash, 300)).isEqualTo(Hkdf.expand(early, info, 300));
    }

    /** RFC 5869 §2.3: "L length of output keying material in octets (<= 255*HashLen)"; RFC 8446 §7.1: label<7..255>, context<0..255>. */
    @Test
    @DisplayName("at the limits: HKDF-Expand gives 0 and 255 × 32 = 8,160 octets, refuses 8,161; a 255-octet label and context are allowed, 256 refused")
    void limits() {
        byte[] prk = hex(Rfc9001.INITIAL_SECRET);
        assertThat(Hkdf.expand(prk, new byte[0], 0)).isEmpty();
        byte[] most = Hkdf.expand(prk, new byte[0], 255 * 32);
        assertThat(most).hasSize(8160);
        assertThat(Arrays.copyOf(most, 32)).isEqualTo(Hkdf.expand(prk, new byte[0], 32));
        assertThatThrownBy(() -> Hkdf.expand(prk, new byte[0], 255 * 32 + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Hkdf.expandLabel(prk, "x".repeat(255 - 6), new byte[255], 16)).hasSize(16);
        assertThatThrownBy(() -> Hkdf.expandLabel(prk, "x".repeat(256 - 6), new byte[0], 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hkdf.expandLabel(prk, "x", new byte[256], 16)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("RFC 9001 A.1: initial, client and server secrets from DCID 8394c8f03e515708")
    void rfc9001_A_1_secrets() {
        assertThat(HEX.formatHex(InitialSecrets.initialSecret(Rfc9001.DCID))).isEqualTo(Rfc9001.INITIAL_SECRET);
        assertThat(HEX.formatHex(InitialSecrets.clientSecret(Rfc9001.DCID))).isEqualTo(Rfc9001.CLIENT_INITIAL_SECRET);
        assertThat(HEX.formatHex(InitialSecrets.serverSecret(Rfc9001.DCID))).isEqualTo(Rfc9001.SERVER_INITIAL_SECRET);
    }

    @Test
    @DisplayName("RFC 9001 A.1: the client's and the server's key, iv and hp")
    void rfc9001_A_1_keys() {
        PacketKeys client = InitialSecrets.client(Rfc9001.DCID);
        assertThat(HEX.formatHex(client.key())).isEqualTo(Rfc9001.CLIENT_KEY);
        assertThat(HEX.formatHex(client.iv())).isEqualTo(Rfc9001.CLIENT_IV);
        assertThat(HEX.formatHex(client.hp())).isEqualTo(Rfc9001.CLIENT_HP);
        PacketKeys server = InitialSecrets.server(Rfc9001.DCID);
        assertThat(HEX.formatHex(server.key())).isEqualTo(Rfc9001.SERVER_KEY);
        assertThat(HEX.formatHex(server.iv())).isEqualTo(Rfc9001.SERVER_IV);
        assertThat(HEX.formatHex(server.hp())).isEqualTo(Rfc9001.SERVER_HP);
        assertThat(InitialSecrets.packetKeys(hex(Rfc9001.CLIENT_INITIAL_SECRET))).isEqualTo(client);
    }

    @Test
    @DisplayName("another connection ID gives other keys; an empty one is allowed")
    void otherIds() {
        assertThat(InitialSecrets.client(ConnectionId.ofHex("8394c8f03e515709"))).isNotEqualTo(InitialSecrets.client(Rfc9001.DCID));
        assertThat(InitialSecrets.client(ConnectionId.EMPTY).key()).hasSize(16);
    }
}
