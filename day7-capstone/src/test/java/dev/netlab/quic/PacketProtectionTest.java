package dev.netlab.quic;

import static dev.netlab.quic.Rfc9001.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checkpoint 7.24. Mistakes it catches: the sample taken at the packet number's start instead
 * of 4 octets later (or after the real packet number length), the mask's first octet applied
 * to all 8 bits or with the short-header mask on a long header, the packet number length read
 * BEFORE unmasking the first octet, the packet number XORed with mask[0], the nonce built by
 * XORing the packet number into the first octets of the IV, the AAD missing the first octet
 * or the packet number (or still protected), the input datagram changed in place, a failed
 * tag escaping as a JCE exception instead of a discarded packet, non-zero Reserved Bits not
 * reported after decryption (or checked with the short header's bits 0x18 in a long header),
 * RFC 9000 A.3's packet number decoding off at the window's edge (either tie, or a number past
 * 2^62 - 1 near the top), a packet exactly long enough for its sample discarded, a 2-octet
 * packet number assembled with the shift the wrong way.
 */
@Checkpoint(id = "7.24", title = "Opening a packet: header protection and AES-128-GCM",
        edit = {"dev/netlab/quic/PacketProtection.java", "dev/netlab/quic/PacketNumbers.java"},
        hint = "sample = 16 octets at pn_offset + 4; mask = AES-ECB(hp, sample); unmask the first octet, then pn_length octets; AAD = the unprotected header",
        readme = "ADVANCED.md#opening-an-initial-packet")
class PacketProtectionTest {
    private static final HexFormat HEX = HexFormat.of();

    static PacketKeys clientKeys() {
        return new PacketKeys(hex(Rfc9001.CLIENT_KEY), hex(Rfc9001.CLIENT_IV), hex(Rfc9001.CLIENT_HP));
    }

    static PacketKeys serverKeys() {
        return new PacketKeys(hex(Rfc9001.SERVER_KEY), hex(Rfc9001.SERVER_IV), hex(Rfc9001.SERVER_HP));
    }

    /** The A.2 client payload: the CRYPTO frame (offset 0, length 241) then PADDING to 1162 octets. */
    static byte[] clientPayload() {
        return Arrays.copyOf(hex("060040f1" + Rfc9001.CLIENT_HELLO), 1162);
    }

    private static PacketHeader header(byte[] datagram) throws QuicException {
        return HeaderParser.parse(datagram, 0, 0);
    }

    @Test
    @DisplayName("the test's own sealer reproduces RFC 9001 A.2 and A.3 octet for octet")
    void sealerMatchesTheRfc() {
        assertThat(HEX.formatHex(Sealer.seal(clientKeys(), hex(Rfc9001.CLIENT_HEADER), 2, clientPayload())))
                .isEqualTo(HEX.formatHex(hex(Rfc9001.CLIENT_INITIAL)));
        assertThat(HEX.formatHex(Sealer.seal(serverKeys(), hex("c1000000010008f067a5502a4262b50040750001"), 1,
                hex(Rfc9001.SERVER_PAYLOAD)))).isEqualTo(HEX.formatHex(hex(Rfc9001.SERVER_INITIAL)));
    }

    @Test
    @DisplayName("RFC 9001 A.2: the header-protection mask of the client's sample is 437b9aec36")
    void mask() {
        assertThat(HEX.formatHex(PacketProtection.headerProtectionMask(hex(Rfc9001.CLIENT_HP), hex(Rfc9001.CLIENT_SAMPLE))))
                .isEqualTo(Rfc9001.CLIENT_MASK);
    }

    @Test
    @DisplayName("RFC 9001 §5.3: the nonce is the IV XOR the packet number, left-padded")
    void nonce() {
        assertThat(HEX.formatHex(PacketProtection.nonce(hex(Rfc9001.CLIENT_IV), 2))).isEqualTo("fa044b2f42a3fd3b46fb255e");
        assertThat(HEX.formatHex(PacketProtection.nonce(hex("000000000000000000000000"), 0x0102030405L)))
                .isEqualTo("000000000000000102030405");
    }

    @Test
    @DisplayName("RFC 9001 A.2: the client Initial opens: packet number 2 in 4 octets, 1162 octets of CRYPTO and PADDING")
    void rfc9001_A_2() throws QuicException {
        byte[] datagram = hex(Rfc9001.CLIENT_INITIAL);
        byte[] copy = datagram.clone();
        OpenedPacket p = PacketProtection.open(datagram, header(datagram), clientKeys(), -1);
        assertThat(p.packetNumber()).isEqualTo(2);
        assertThat(p.firstByte()).as("first octet unprotected: c3").isEqualTo(0xc3);
        assertThat(p.packetNumberLength()).isEqualTo(4);
        assertThat(HEX.formatHex(p.payload())).isEqualTo(HEX.formatHex(clientPayload()));
        assertThat(datagram).as("the datagram is left as it was").isEqualTo(copy);
    }

    @Test
    @DisplayName("RFC 9001 A.3: the server Initial opens with the server keys: packet number 1 in 2 octets, ACK + CRYPTO")
    void rfc9001_A_3() throws QuicException {
        byte[] datagram = hex(Rfc9001.SERVER_INITIAL);
        OpenedPacket p = PacketProtection.open(datagram, header(datagram), serverKeys(), -1);
        assertThat(p.packetNumber()).isEqualTo(1);
        assertThat(p.firstByte()).isEqualTo(0xc1);
        assertThat(HEX.formatHex(p.payload())).isEqualTo(Rfc9001.SERVER_PAYLOAD);
    }

    /** RFC 9001 §5.3 / RFC 9000 §12.2: a packet that fails authentication is discarded. */
    @Test
    @DisplayName("a flipped bit anywhere after the header, or the other side's keys: discarded, not decrypted")
    void authentication() throws QuicException {
        byte[] good = hex(Rfc9001.CLIENT_INITIAL);
        for (int at : new int[] {25, 600, 1199}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x01;
            assertDiscarded(bad, clientKeys());
        }
        assertDiscarded(good, serverKeys());
    }

    @Test
    @DisplayName("a packet too short for the 16-octet sample at pn_offset + 4 is discarded")
    void tooShortToSample() throws QuicException {
        byte[] shortPacket = hex("c0 00000001 00 00 00 13" + "00".repeat(19)); // Length 19: pn + 18 octets
        assertDiscarded(shortPacket, clientKeys());
    }

    /** RFC 9000 §17.2: "An endpoint MUST treat receipt of a packet that has a non-zero value for these bits after removing both packet and header protection as a connection error of type PROTOCOL_VIOLATION." */
    @Test
    @DisplayName("Reserved Bits set under the protection: a PROTOCOL_VIOLATION of the connection, after authentication")
    void reservedBits() {
        for (String first : new String[] {"cb", "c7"}) { // reserved bits 10, then 01 (0x04: outside a short header's 0x18)
            byte[] header = hex(first + "00000001088394c8f03e5157080000449e00000002");
            byte[] datagram = Sealer.seal(clientKeys(), header, 2, clientPayload());
            try {
                PacketProtection.open(datagram, header(datagram), clientKeys(), -1);
                throw new AssertionError("reserved bits accepted: first octet " + first);
            } catch (QuicException e) {
                assertThat(e.scope()).isEqualTo(QuicException.Scope.CONNECTION);
                assertThat(e.code()).isEqualTo(QuicError.PROTOCOL_VIOLATION);
            }
        }
    }

    /** RFC 9001 §5.4.2: "the sampled ciphertext starts 4 bytes after the start of the Packet Number field"; the packet must hold those 16 octets, no more. */
    @Test
    @DisplayName("a packet exactly long enough to sample (1-octet packet number, 3 octets of payload, the tag) opens")
    void justLongEnoughToSample() throws QuicException {
        PacketKeys keys = clientKeys();
        byte[] header = hex("e0 00000001 08 8394c8f03e515708 00 4014 07"); // Handshake, Length 20 = 1 + 3 + 16, pn 7
        byte[] packet = Sealer.seal(keys, header, 7, hex("010000"));
        assertThat(packet).hasSize(17 + 4 + 16); // pn at 17, the sample ends at the packet's end
        OpenedPacket p = PacketProtection.open(packet, HeaderParser.parse(packet, 0, 0), keys, 6);
        assertThat(p.packetNumber()).isEqualTo(7);
        assertThat(p.payload()).isEqualTo(hex("010000"));
    }

    /** RFC 9000 §17.1: the packet number is sent in network byte order, in 1 to 4 octets. */
    @Test
    @DisplayName("a packet number in 2 octets is big-endian: 01 02 is 258")
    void twoOctetPacketNumber() throws QuicException {
        PacketKeys keys = clientKeys();
        byte[] header = hex("e1 00000001 08 8394c8f03e515708 00 4020 0102"); // Handshake, pn length 2, Length 32
        byte[] packet = Sealer.seal(keys, header, 0x0102, hex("01" + "00".repeat(13)));
        OpenedPacket p = PacketProtection.open(packet, HeaderParser.parse(packet, 0, 0), keys, 0x0101);
        assertThat(p.packetNumberLength()).isEqualTo(2);
        assertThat(p.packetNumber()).isEqualTo(258);
    }

    /** RFC 9001 §5.4.1: a long header's mask covers 4 bits (0x0f): the packet type bits stay as sent. */
    @Test
    @DisplayName("sixteen long-header packets, sixteen masks: each opens with its type bits intact (mask 0x0f, not 0x1f)")
    void longHeaderMaskKeepsTheType() throws QuicException {
        PacketKeys keys = clientKeys();
        int typeBitSetInMask = 0;
        for (int pn = 0; pn < 16; pn++) {
            byte[] header = hex("e0 00000001 08 8394c8f03e515708 00 4020" + String.format("%02x", pn)); // Handshake, pn in 1 octet
            byte[] packet = Sealer.seal(keys, header, pn, hex("01" + "00".repeat(14)));
            PacketHeader h = HeaderParser.parse(packet, 0, 0);
            OpenedPacket p = PacketProtection.open(packet, h, keys, pn - 1);
            assertThat(p.firstByte()).as("packet %d", pn).isEqualTo(0xe0);
            assertThat(p.packetNumber()).isEqualTo(pn);
            byte[] sample = Arrays.copyOfRange(packet, 17 + 4, 17 + 20); // pn at 17
            if ((PacketProtection.headerProtectionMask(keys.hp(), sample)[0] & 0x10) != 0) {
                typeBitSetInMask++;
            }
        }
        assertThat(typeBitSetInMask).as("some masks have the bit a 0x1f mask would flip").isPositive();
    }

    @Test
    @DisplayName("a short (1-RTT) header: mask 0x1f, the spin bit left alone, a 1-octet packet number decoded against the largest")
    void shortHeader() throws QuicException {
        PacketKeys keys = clientKeys();
        byte[] header = hex("60 1122334455667788 2c"); // spin 1, pn length 1, truncated pn 0x2c
        byte[] packet = Sealer.seal(keys, header, 0x12c, hex("01" + "00".repeat(20)));
        PacketHeader h = HeaderParser.parse(packet, 0, 8);
        OpenedPacket p = PacketProtection.open(packet, h, keys, 0x120);
        assertThat(p.packetNumber()).isEqualTo(0x12c);
        assertThat(p.firstByte() & 0x20).as("spin bit").isEqualTo(0x20);
        assertThat(p.payload()[0]).isEqualTo((byte) 0x01);
    }

    @ParameterizedTest(name = "largest {0}, truncated {1} in {2} bits -> {3}")
    @DisplayName("RFC 9000 §17.1, A.3: the packet number nearest to the next expected")
    @CsvSource({
            "2821665002, 39730, 16, 2821692210",   // A.3: 0xa82f30ea, 0x9b32 -> 0xa82f9b32
            "-1, 0, 8, 0",
            "-1, 2, 32, 2",
            "255, 0, 8, 256",                       // wraps forward
            "256, 255, 8, 255",                     // a late one, just behind
            "382, 0, 8, 256",                       // expected 383: 256 is nearer than 512
            "383, 0, 8, 512",                       // expected 384: a tie, the RFC goes up
            "384, 0, 8, 512",                       // expected 385: 512 is nearer
            "65535, 1, 16, 65537",
            "255, 128, 8, 384",                     // expected 256: 128 and 384 tie, the RFC keeps 384
            "4611686018427387902, 0, 8, 4611686018427387648", // expected 2^62-1: 2^62 is nearer but no packet number
    })
    void packetNumbers(long largest, long truncated, int bits, long expected) {
        assertThat(PacketNumbers.decode(largest, truncated, bits)).isEqualTo(expected);
    }

    private static void assertDiscarded(byte[] datagram, PacketKeys keys) throws QuicException {
        PacketHeader h = header(datagram);
        try {
            OpenedPacket p = PacketProtection.open(datagram, h, keys, -1);
            throw new AssertionError("opened a packet that should be discarded: " + p);
        } catch (QuicException e) {
            assertThat(e.scope()).isEqualTo(QuicException.Scope.PACKET);
        }
    }
}
