package dev.netlab.quic;

import static dev.netlab.quic.Rfc9001.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 7.27 (offline). Mistakes it catches: keys derived from each packet's own
 * Destination Connection ID (a client's later Initials carry the server's ID, RFC 9001
 * §5.2), a ClientHello parsed from the first packet's CRYPTO data alone, CRYPTO data appended
 * in arrival order instead of by offset, coalesced packets after the first ignored, a
 * non-Initial packet opened with Initial keys (and then failing loudly), a small datagram's
 * Initial accepted (RFC 9000 §14.1), a packet that fails authentication stopping the rest, the
 * packet number not decoded against the largest so far, the lab's 64 KiB ClientHello limit
 * checked on a length read with its high octet shifted away (or refusing exactly 64 KiB).
 */
@Checkpoint(id = "7.27", title = "A client's Initials, end to end; Chromium's, captured live",
        edit = "dev/netlab/quic/InitialDecoder.java",
        hint = "keys from the FIRST Initial's DCID; split coalesced packets by Length; CRYPTO by offset; a ClientHello is complete at 4 + its 24-bit length",
        readme = "ADVANCED.md#chromium-on-the-wire")
class InitialDecoderTest {
    private static final HexFormat HEX = HexFormat.of();
    static final ConnectionId CLIENT_DCID = ConnectionId.ofHex("0001020304050607");
    static final ConnectionId SERVER_SCID = ConnectionId.ofHex("c0ffee00c0ffee01");
    static final ConnectionId CLIENT_SCID = ConnectionId.ofHex("5c1d");

    /** A ClientHello too big for one datagram: a 1216-octet X25519MLKEM768 key share, as Chromium sends. */
    static byte[] bigClientHello() {
        String sni = "0000 000e 000c 00 0009 6c6f63616c686f7374";
        String alpn = "0010 0005 0003 026833";
        String versions = "002b 0003 02 0304";
        String share = "0033 " + String.format("%04x", 2 + 4 + 1216) + String.format("%04x", 4 + 1216) + "11ec 04c0"
                + "ab".repeat(1216);
        String tp = "0039 000d 0f 02 5c1d 04 04 80100000 0e 01 04";
        return ClientHelloParserTest.hello(sni + alpn + versions + share + tp);
    }

    static byte[] crypto(long offset, byte[] data) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x06);
        f.writeBytes(varint(offset));
        f.writeBytes(varint(data.length));
        f.writeBytes(data);
        return f.toByteArray();
    }

    private static byte[] varint(long v) {
        return v < 64 ? new byte[] {(byte) v} : new byte[] {(byte) (0x40 | v >>> 8), (byte) v};
    }

    @Test
    @DisplayName("RFC 9001 A.2's datagram: one Initial, packet 2, ClientHello for example.com")
    void rfc9001() throws QuicException {
        InitialDecoder d = new InitialDecoder();
        List<OpenedPacket> opened = d.offer(hex(Rfc9001.CLIENT_INITIAL));
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).packetNumber()).isEqualTo(2);
        assertThat(d.originalDestination()).hasValue(Rfc9001.DCID);
        assertThat(d.clientHello()).hasValueSatisfying(h -> assertThat(h.serverName()).isEqualTo("example.com"));
        assertThat(d.discarded()).isEmpty();
    }

    @Test
    @DisplayName("a ClientHello over two datagrams, second half first; the later one to the server's ID, with the first ID's keys")
    void twoDatagrams() throws QuicException {
        byte[] hello = bigClientHello();
        int half = 700;
        PacketKeys keys = InitialSecretsTestSupport.client(CLIENT_DCID);
        byte[] second = Sealer.clientInitial(keys, SERVER_SCID, CLIENT_SCID, 1, 2,
                crypto(half, Arrays.copyOfRange(hello, half, hello.length)), 1200);
        byte[] first = Sealer.clientInitial(keys, CLIENT_DCID, CLIENT_SCID, 0, 1, crypto(0, Arrays.copyOf(hello, half)), 1200);

        InitialDecoder d = new InitialDecoder();
        assertThat(d.offer(first)).extracting(OpenedPacket::packetNumber).containsExactly(0L);
        assertThat(d.clientHello()).as("half a ClientHello is not one").isEmpty();
        assertThat(d.offer(second)).extracting(OpenedPacket::packetNumber).containsExactly(1L);
        ClientHello h = d.clientHello().orElseThrow();
        assertThat(h.serverName()).isEqualTo("localhost");
        assertThat(h.alpn()).containsExactly("h3");
        assertThat(h.keyShareGroups()).containsExactly(0x11ec);
        assertThat(h.transportParameters().initialSourceConnectionId()).hasValue(CLIENT_SCID);
        assertThat(d.originalDestination()).hasValue(CLIENT_DCID);
    }

    @Test
    @DisplayName("the other order too: the reassembler holds the second half until the first arrives")
    void secondHalfFirst() throws QuicException {
        byte[] hello = bigClientHello();
        PacketKeys keys = InitialSecretsTestSupport.client(CLIENT_DCID);
        byte[] a = Sealer.clientInitial(keys, CLIENT_DCID, CLIENT_SCID, 1, 1, crypto(900, Arrays.copyOfRange(hello, 900, hello.length)), 1200);
        byte[] b = Sealer.clientInitial(keys, CLIENT_DCID, CLIENT_SCID, 0, 1, crypto(0, Arrays.copyOf(hello, 900)), 1200);
        InitialDecoder d = new InitialDecoder();
        d.offer(a);
        assertThat(d.clientHello()).isEmpty();
        d.offer(b);
        assertThat(d.clientHello()).isPresent();
        assertThat(d.packets()).extracting(OpenedPacket::packetNumber).containsExactly(1L, 0L);
    }

    /** RFC 9000 §14.1: "A server MUST discard an Initial packet that is carried in a UDP datagram with a payload that is smaller than the smallest allowed maximum datagram size of 1200 bytes." */
    @Test
    @DisplayName("an Initial in a datagram under 1200 octets is discarded")
    void smallDatagram() throws QuicException {
        PacketKeys keys = InitialSecretsTestSupport.client(CLIENT_DCID);
        byte[] small = Sealer.clientInitial(keys, CLIENT_DCID, CLIENT_SCID, 0, 1, crypto(0, hex(Rfc9001.CLIENT_HELLO)), 1199);
        assertThat(small).hasSize(1199);
        InitialDecoder d = new InitialDecoder();
        assertThat(d.offer(small)).isEmpty();
        assertThat(d.discarded()).hasSize(1).allSatisfy(e -> assertThat(e.scope()).isEqualTo(QuicException.Scope.PACKET));
        assertThat(d.clientHello()).isEmpty();
    }

    @Test
    @DisplayName("coalesced: a corrupted Initial is discarded, the next Initial in the datagram still opens, a Handshake packet is skipped")
    void coalescedAndCorrupt() throws QuicException {
        PacketKeys keys = InitialSecretsTestSupport.client(CLIENT_DCID);
        byte[] bad = Sealer.clientInitial(keys, CLIENT_DCID, CLIENT_SCID, 0, 1, crypto(0, new byte[] {1}), 0);
        bad[bad.length - 1] ^= 1;
        byte[] good = Sealer.clientInitial(keys, CLIENT_DCID, CLIENT_SCID, 1, 1, crypto(0, hex(Rfc9001.CLIENT_HELLO)), 0);
        byte[] handshake = hex("e0 00000001 08 0001020304050607 02 5c1d 14" + "00".repeat(20));
        ByteArrayOutputStream datagram = new ByteArrayOutputStream();
        datagram.writeBytes(bad);
        datagram.writeBytes(good);
        datagram.writeBytes(handshake);
        datagram.writeBytes(new byte[Math.max(0, 1200 - datagram.size())]); // zero octets after the packets: padding
        InitialDecoder d = new InitialDecoder();
        List<OpenedPacket> opened = d.offer(datagram.toByteArray());
        assertThat(opened).extracting(OpenedPacket::packetNumber).containsExactly(1L);
        assertThat(d.discarded()).isNotEmpty();
        assertThat(d.clientHello()).hasValueSatisfying(h -> assertThat(h.serverName()).isEqualTo("example.com"));
    }

    @Test
    @DisplayName("the lab's limit: a ClientHello announcing 65,537 octets is CRYPTO_BUFFER_EXCEEDED at its first four octets; one of exactly 65,536 is awaited")
    void clientHelloLimit() throws QuicException {
        PacketKeys keys = InitialSecretsTestSupport.client(CLIENT_DCID);
        byte[] exactly = Sealer.clientInitial(keys, CLIENT_DCID, CLIENT_SCID, 0, 1, crypto(0, hex("01 010000 0303")), 1200);
        InitialDecoder d = new InitialDecoder();
        assertThat(d.offer(exactly)).hasSize(1);
        assertThat(d.clientHello()).as("64 KiB announced, 2 octets there").isEmpty();
        byte[] over = Sealer.clientInitial(keys, CLIENT_DCID, CLIENT_SCID, 0, 1, crypto(0, hex("01 010001 0303")), 1200);
        try {
            new InitialDecoder().offer(over);
            throw new AssertionError("a ClientHello of 65,537 octets awaited");
        } catch (QuicException e) {
            assertThat(e.scope()).isEqualTo(QuicException.Scope.CONNECTION);
            assertThat(e.code()).isEqualTo(QuicError.CRYPTO_BUFFER_EXCEEDED);
        }
    }

    @Test
    @DisplayName("a broken ClientHello is a connection error with its TLS alert")
    void brokenHello() {
        PacketKeys keys = InitialSecretsTestSupport.client(CLIENT_DCID);
        byte[] hello = hex(Rfc9001.CLIENT_HELLO);
        hello[4 + 2 + 32 + 1 + 2 + 4 + 1] = 1; // compression method 1
        byte[] datagram = Sealer.clientInitial(keys, CLIENT_DCID, CLIENT_SCID, 0, 1, crypto(0, hello), 1200);
        try {
            new InitialDecoder().offer(datagram);
            throw new AssertionError("accepted");
        } catch (QuicException e) {
            assertThat(e.alert()).isEqualTo(TlsAlert.ILLEGAL_PARAMETER);
            assertThat(HEX.formatHex(new byte[] {(byte) e.wireCode()})).isEqualTo("2f");
        }
    }
}
