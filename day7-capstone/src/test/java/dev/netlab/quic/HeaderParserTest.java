package dev.netlab.quic;

import static dev.netlab.quic.Rfc9001.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoint 7.22. Mistakes it catches: the header form or packet type read from the wrong
 * bits, the version read little-endian, a connection ID length off by one or not checked
 * against 20 (version 1) or the datagram, the token length ignored (the packet number then
 * lands in the token), Length taken as the whole packet's length instead of from the packet
 * number on, coalesced packets not delimited by Length, a short header's connection ID length
 * taken from the wire, Version Negotiation treated as a version-1 packet, an unknown version
 * rejected instead of reported, Retry's tag not split off, any fault escaping as something
 * other than a PACKET-scope QuicException. At the edges: a 20-octet connection ID refused (long
 * or short header) or a 0-octet one refused in a short header, the spin bit read with OR, a
 * short header that ends right after its connection ID let through, an offset at the very end
 * of the datagram read (a BufferUnderflowException), an unknown version's Source Connection ID
 * that ends the datagram refused.
 */
@Checkpoint(id = "7.22", title = "Long and short headers, coalesced packets",
        edit = "dev/netlab/quic/HeaderParser.java",
        hint = "form bit 0x80, fixed bit 0x40, type bits 0x30; Initial: token length + token, then Length counts from the packet number",
        readme = "ADVANCED.md#long-and-short-headers")
class HeaderParserTest {
    private static final HexFormat HEX = HexFormat.of();

    private static PacketHeader.LongHeader longHeader(byte[] datagram, int offset) throws QuicException {
        return (PacketHeader.LongHeader) HeaderParser.parse(datagram, offset, 8);
    }

    private static QuicException discarded(byte[] datagram) {
        try {
            PacketHeader h = HeaderParser.parse(datagram, 0, 8);
            throw new AssertionError("expected the packet to be discarded, read " + h);
        } catch (QuicException e) {
            assertThat(e.scope()).as("an invalid packet is discarded, the connection lives on").isEqualTo(QuicException.Scope.PACKET);
            return e;
        }
    }

    @Test
    @DisplayName("RFC 9001 A.2: the client Initial's header: version 1, DCID 8394c8f03e515708, no SCID, no token, Length 1182")
    void clientInitial() throws QuicException {
        byte[] datagram = hex(Rfc9001.CLIENT_INITIAL);
        PacketHeader.LongHeader h = longHeader(datagram, 0);
        assertThat(h.type()).isEqualTo(PacketType.INITIAL);
        assertThat(h.version()).isEqualTo(1);
        assertThat(h.destination()).isEqualTo(Rfc9001.DCID);
        assertThat(h.source()).isEqualTo(ConnectionId.EMPTY);
        assertThat(h.token()).isEmpty();
        assertThat(h.length()).isEqualTo(1182);
        assertThat(h.packetNumberOffset()).isEqualTo(18);
        assertThat(h.offset()).isZero();
        assertThat(h.end()).isEqualTo(1200);
    }

    @Test
    @DisplayName("RFC 9001 A.3: the server Initial's header: no DCID, SCID f067a5502a4262b5, Length 117 in two octets")
    void serverInitial() throws QuicException {
        byte[] datagram = hex(Rfc9001.SERVER_INITIAL);
        PacketHeader.LongHeader h = longHeader(datagram, 0);
        assertThat(h.type()).isEqualTo(PacketType.INITIAL);
        assertThat(h.destination()).isEqualTo(ConnectionId.EMPTY);
        assertThat(h.source()).isEqualTo(ConnectionId.ofHex("f067a5502a4262b5"));
        assertThat(h.length()).isEqualTo(117);
        assertThat(h.packetNumberOffset()).isEqualTo(18);
        assertThat(h.end()).isEqualTo(datagram.length).isEqualTo(135);
    }

    @Test
    @DisplayName("an Initial with a token: the token is skipped before Length")
    void initialWithToken() throws QuicException {
        // Token Length 7 (one octet), Length 0x4005 = 5 (two octets, not minimal: allowed)
        byte[] d = hex("c3 00000001 04 0a0b0c0d 02 eeff 07 74656e746f6b31 4005 0102030405");
        PacketHeader.LongHeader h = longHeader(d, 0);
        assertThat(new String(h.token())).isEqualTo("tentok1");
        assertThat(h.length()).isEqualTo(5);
        assertThat(h.packetNumberOffset()).isEqualTo(d.length - 5);
        assertThat(h.source()).isEqualTo(ConnectionId.ofHex("eeff"));
    }

    @Test
    @DisplayName("coalesced packets: an Initial, a Handshake and a 1-RTT packet in one datagram, each delimited by its Length")
    void coalesced() throws QuicException {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.writeBytes(hex("c0 00000001 08 1122334455667788 00 00 14")); // Initial, Length 20
        d.writeBytes(new byte[20]);
        d.writeBytes(hex("e1 00000001 08 1122334455667788 00 19"));    // Handshake, Length 25
        d.writeBytes(new byte[25]);
        d.writeBytes(hex("61 1122334455667788"));                      // 1-RTT: spin bit set
        d.writeBytes(new byte[30]);
        byte[] datagram = d.toByteArray();

        PacketHeader.LongHeader initial = longHeader(datagram, 0);
        assertThat(initial.type()).isEqualTo(PacketType.INITIAL);
        PacketHeader.LongHeader handshake = longHeader(datagram, initial.end());
        assertThat(handshake.type()).isEqualTo(PacketType.HANDSHAKE);
        assertThat(handshake.offset()).isEqualTo(initial.end()).isEqualTo(37);
        assertThat(handshake.token()).as("only Initial packets have a token").isEmpty();
        assertThat(handshake.packetNumberOffset()).isEqualTo(handshake.offset() + 16);
        PacketHeader last = HeaderParser.parse(datagram, handshake.end(), 8);
        assertThat(last).isInstanceOfSatisfying(PacketHeader.ShortHeader.class, s -> {
            assertThat(s.destination()).isEqualTo(ConnectionId.ofHex("1122334455667788"));
            assertThat(s.spin()).isTrue();
            assertThat(s.packetNumberOffset()).isEqualTo(handshake.end() + 9);
            assertThat(s.end()).isEqualTo(datagram.length);
        });
    }

    @Test
    @DisplayName("0-RTT is type 01; the four type-specific bits are not looked at (they are still protected)")
    void zeroRtt() throws QuicException {
        byte[] d = hex("df 00000001 00 00 02 abcd");
        PacketHeader.LongHeader h = longHeader(d, 0);
        assertThat(h.type()).isEqualTo(PacketType.ZERO_RTT);
        assertThat(h.length()).isEqualTo(2);
    }

    @Test
    @DisplayName("Version Negotiation (version 0) lists the versions, whatever the Fixed Bit")
    void versionNegotiation() throws QuicException {
        byte[] d = hex("80 00000000 04 a1a2a3a4 02 b1b2 00000001 6b3343cf 1a2a3a4a");
        assertThat(HeaderParser.parse(d, 0, 8)).isInstanceOfSatisfying(PacketHeader.VersionNegotiation.class, v -> {
            assertThat(v.destination()).isEqualTo(ConnectionId.ofHex("a1a2a3a4"));
            assertThat(v.source()).isEqualTo(ConnectionId.ofHex("b1b2"));
            assertThat(v.versions()).containsExactly(1L, 0x6b3343cfL, 0x1a2a3a4aL);
            assertThat(v.end()).isEqualTo(d.length);
        });
        discarded(hex("c0 00000000 00 00 000001")); // not whole versions
    }

    @Test
    @DisplayName("another version: the invariant fields only, connection IDs up to 255 octets (RFC 8999)")
    void otherVersion() throws QuicException {
        byte[] id = new byte[30];
        Arrays.fill(id, (byte) 7);
        byte[] d = concat(hex("c0 ff00001d 1e"), id, hex("00 0102030405"));
        assertThat(HeaderParser.parse(d, 0, 8)).isInstanceOfSatisfying(PacketHeader.OtherVersion.class, o -> {
            assertThat(o.version()).isEqualTo(0xff00001dL);
            assertThat(o.destination().length()).isEqualTo(30);
            assertThat(o.end()).isEqualTo(d.length);
        });
    }

    @Test
    @DisplayName("Retry: the token runs to the 16-octet integrity tag at the end")
    void retry() throws QuicException {
        byte[] d = concat(hex("f0 00000001 00 08 0001020304050607 746f6b656e"), hex("00112233445566778899aabbccddeeff"));
        assertThat(HeaderParser.parse(d, 0, 8)).isInstanceOfSatisfying(PacketHeader.Retry.class, r -> {
            assertThat(new String(r.token())).isEqualTo("token");
            assertThat(HEX.formatHex(r.integrityTag())).isEqualTo("00112233445566778899aabbccddeeff");
        });
    }

    /** RFC 9000 §17.2: "Endpoints that receive a version 1 long header with a value larger than 20 MUST drop the packet." */
    @Test
    @DisplayName("a version 1 connection ID over 20 octets is dropped")
    void connectionIdTooLong() {
        byte[] id = new byte[21];
        discarded(concat(hex("c0 00000001 15"), id, hex("00 00 01 00")));
        discarded(concat(hex("c0 00000001 00 15"), id, hex("00 01 00")));
    }

    /** RFC 9000 §17.2: "Packets containing a zero value for this bit are not valid packets in this version and MUST be discarded." */
    @Test
    @DisplayName("a Fixed Bit of 0 is discarded, long or short")
    void fixedBit() {
        discarded(hex("80 00000001 00 00 00 01 00"));
        discarded(hex("21 1122334455667788 00 00"));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("lengths that run past the datagram are discarded")
    @ValueSource(strings = {
            "c0 00000001 08 11223344",              // DCID of 8, 4 present
            "c0 00000001 00 04 1122",               // SCID of 4, 2 present
            "c0 00000001 00 00 05 aabb",            // token of 5, 2 present
            "c0 00000001 00 00 00 05 aabb",         // Length 5, 2 present
            "c0 00000001 00 00 00 00",              // Length 0: no room for a packet number
            "c0 00000001 00 00 00 40",              // Length cut inside its varint
            "c0 000000",                            // version cut short
            "41 11223344",                          // short header: the 8-octet DCID does not fit
            "f0 00000001 00 00 0011223344",         // Retry shorter than its tag
    })
    void truncated(String hexText) {
        discarded(hex(hexText));
    }

    @Test
    @DisplayName("every prefix of a valid Initial is either a shorter packet or a PACKET-scope error, never another exception")
    void everyPrefix() {
        byte[] full = hex(Rfc9001.CLIENT_INITIAL);
        for (int n = 1; n < 40; n++) {
            byte[] prefix = Arrays.copyOf(full, n);
            discarded(prefix);
        }
    }

    /** RFC 9000 §17.2: "In QUIC version 1, this value MUST NOT exceed 20 bytes"; RFC 8999 §5.2: a short header's ID length is not on the wire. */
    @Test
    @DisplayName("at the edges: 20-octet connection IDs (long and short headers) and an empty one are read; the spin bit as sent")
    void connectionIdEdges() throws QuicException {
        byte[] id = new byte[20];
        Arrays.fill(id, (byte) 0x20);
        PacketHeader.LongHeader h = longHeader(concat(hex("c0 00000001 14"), id, hex("14"), id, hex("00 01 00")), 0);
        assertThat(h.destination().length()).isEqualTo(20);
        assertThat(h.source().length()).isEqualTo(20);
        assertThat(h.packetNumberOffset()).isEqualTo(1 + 4 + 1 + 20 + 1 + 20 + 1 + 1);
        assertThat(HeaderParser.parse(concat(hex("40"), id, hex("00")), 0, 20)).isInstanceOfSatisfying(PacketHeader.ShortHeader.class, s -> {
            assertThat(s.destination().length()).isEqualTo(20);
            assertThat(s.packetNumberOffset()).isEqualTo(21);
        });
        assertThat(HeaderParser.parse(hex("40 00"), 0, 0)).isInstanceOfSatisfying(PacketHeader.ShortHeader.class, s -> {
            assertThat(s.destination().length()).isZero();
            assertThat(s.spin()).as("spin bit 0").isFalse();
            assertThat(s.packetNumberOffset()).isEqualTo(1);
        });
    }

    @Test
    @DisplayName("at the ends of the datagram: a short header with no octet after its connection ID and an offset past the last packet are discarded; an unknown version's header may end with its Source Connection ID")
    void datagramEnds() throws QuicException {
        discarded(hex("41 1122334455667788"));      // DCID of 8, then nothing: no packet number
        byte[] whole = hex(Rfc9001.CLIENT_INITIAL);
        assertThatThrownBy(() -> HeaderParser.parse(whole, whole.length, 8)).isInstanceOfSatisfying(QuicException.class,
                e -> assertThat(e.scope()).isEqualTo(QuicException.Scope.PACKET));
        byte[] other = hex("c0 ff00001d 02 aabb 03 ccddee"); // RFC 8999 §5.1: the rest is version-specific, here none
        assertThat(HeaderParser.parse(other, 0, 8)).isInstanceOfSatisfying(PacketHeader.OtherVersion.class, o -> {
            assertThat(o.source()).isEqualTo(ConnectionId.ofHex("ccddee"));
            assertThat(o.end()).isEqualTo(other.length);
        });
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List.of(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }
}
