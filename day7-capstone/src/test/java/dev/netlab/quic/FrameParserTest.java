package dev.netlab.quic;

import static dev.netlab.quic.Rfc9001.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checkpoint 7.25 (frames). Mistakes it catches: PADDING reported once per octet, or the
 * octet after a run swallowed; an ACK's ranges computed without the "- 2" of the gap
 * (RFC 9000 §19.3.1), a first range below packet 0 accepted, ECN counts read for type 0x02 or
 * skipped for 0x03; a CRYPTO length not checked against the packet; STREAM or HANDSHAKE_DONE
 * accepted in an Initial, unknown types taken as PROTOCOL_VIOLATION (or the reverse); the
 * application CONNECTION_CLOSE (0x1d) allowed in an Initial; an empty payload accepted; a frame
 * type in a two-octet encoding accepted; at the edges, an ACK range reaching down to packet 0
 * refused, a CRYPTO frame ending exactly at 2^62-1 refused.
 */
@Checkpoint(id = "7.25", title = "Frames of an Initial, and the CRYPTO stream reassembled",
        edit = {"dev/netlab/quic/FrameParser.java", "dev/netlab/quic/CryptoReassembler.java"},
        hint = "type (i) then fields (i); Initial packets allow PADDING, PING, ACK, CRYPTO, CONNECTION_CLOSE 0x1c only; reassemble CRYPTO by offset",
        readme = "ADVANCED.md#frames-and-the-crypto-stream")
class FrameParserTest {
    private static final HexFormat HEX = HexFormat.of();

    private static QuicException error(String payloadHex) {
        try {
            List<Frame> frames = FrameParser.parse(hex(payloadHex), PacketType.INITIAL);
            throw new AssertionError("expected a connection error, read " + frames);
        } catch (QuicException e) {
            assertThat(e.scope()).isEqualTo(QuicException.Scope.CONNECTION);
            return e;
        }
    }

    @Test
    @DisplayName("RFC 9001 A.2's payload: one CRYPTO frame (offset 0, 241 octets) and 917 octets of PADDING")
    void clientPayload() throws QuicException {
        List<Frame> frames = FrameParser.parse(PacketProtectionTest.clientPayload(), PacketType.INITIAL);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).isInstanceOfSatisfying(Frame.Crypto.class, c -> {
            assertThat(c.offset()).isZero();
            assertThat(HEX.formatHex(c.data())).isEqualTo(Rfc9001.CLIENT_HELLO);
        });
        assertThat(frames.get(1)).isEqualTo(new Frame.Padding(917));
    }

    @Test
    @DisplayName("RFC 9001 A.3's payload: ACK of packet 0, then the ServerHello in CRYPTO")
    void serverPayload() throws QuicException {
        List<Frame> frames = FrameParser.parse(hex(Rfc9001.SERVER_PAYLOAD), PacketType.INITIAL);
        assertThat(frames.get(0)).isEqualTo(new Frame.Ack(0, 0, List.of(new Frame.AckRange(0, 0)), null));
        assertThat(frames.get(1)).isInstanceOfSatisfying(Frame.Crypto.class,
                c -> assertThat(HEX.formatHex(c.data())).isEqualTo(Rfc9001.SERVER_HELLO));
    }

    /** RFC 9000 §19.3.1: "largest = previous_smallest - gap - 2; smallest = largest - ack_range_length". */
    @Test
    @DisplayName("ACK ranges: largest 10, first range 2 (8..10), gap 1 length 1 (4..5), gap 0 length 0 (2..2), then ECN counts")
    void ackRanges() throws QuicException {
        List<Frame> frames = FrameParser.parse(hex("03 0a 05 02 02 0101 0000 07 08 09 01"), PacketType.HANDSHAKE);
        assertThat(frames).containsExactly(
                new Frame.Ack(10, 5, List.of(new Frame.AckRange(8, 10), new Frame.AckRange(4, 5), new Frame.AckRange(2, 2)),
                        new Frame.EcnCounts(7, 8, 9)),
                new Frame.Ping());
    }

    @Test
    @DisplayName("PING, CRYPTO at an offset, PADDING runs and CONNECTION_CLOSE 0x1c with a reason")
    void mixed() throws QuicException {
        List<Frame> frames = FrameParser.parse(hex("01 000000 06 4100 03 616263 00 1c 0a 06 04 6f6f7073"), PacketType.INITIAL);
        assertThat(frames).hasSize(5);
        assertThat(frames.get(0)).isEqualTo(new Frame.Ping());
        assertThat(frames.get(1)).isEqualTo(new Frame.Padding(3));
        assertThat(frames.get(2)).isInstanceOfSatisfying(Frame.Crypto.class, c -> {
            assertThat(c.offset()).isEqualTo(256);
            assertThat(new String(c.data())).isEqualTo("abc");
        });
        assertThat(frames.get(3)).isEqualTo(new Frame.Padding(1));
        assertThat(frames.get(4)).isEqualTo(new Frame.ConnectionClose(0x0a, 0x06, "oops"));
    }

    /** RFC 9000 §12.4: "An endpoint MUST treat receipt of a frame in a packet type that is not permitted as a connection error of type PROTOCOL_VIOLATION." */
    @ParameterizedTest(name = "{0}: {1}")
    @DisplayName("frames an Initial must not carry are a PROTOCOL_VIOLATION; unknown types a FRAME_ENCODING_ERROR")
    @CsvSource({
            "'08 00 00', PROTOCOL_VIOLATION",            // STREAM
            "'1e', PROTOCOL_VIOLATION",                  // HANDSHAKE_DONE
            "'07 00', PROTOCOL_VIOLATION",               // NEW_TOKEN
            "'1d 00 00', PROTOCOL_VIOLATION",            // CONNECTION_CLOSE of the application
            "'1f', FRAME_ENCODING_ERROR",                // unknown
            "'4040', FRAME_ENCODING_ERROR",              // unknown, two octets (0x40)
            "'4001', PROTOCOL_VIOLATION",                // PING in a longer encoding than necessary
            "'', PROTOCOL_VIOLATION",                    // no frames at all
    })
    void notAllowed(String payload, QuicError code) {
        assertThat(error(payload).code()).isEqualTo(code);
    }

    /** RFC 9000 §19.3.1: "If any computed packet number is negative, an endpoint MUST generate a connection error of type FRAME_ENCODING_ERROR." */
    @ParameterizedTest(name = "{0}")
    @DisplayName("frames cut short or impossible are a FRAME_ENCODING_ERROR")
    @CsvSource({
            "'02 05 00 00 06'",         // first range 6 below largest 5
            "'02 05 00 01 02 02 00'",   // gap 2 below smallest 3: largest of the range is -1
            "'02 05 00 01 00'",         // one more range announced, none there
            "'02 05'",                  // cut in the middle
            "'03 00 00 00 00 01 02'",   // ECN counts missing one
            "'06 00 05 6162'",          // CRYPTO length 5, 2 octets
            "'06 00'",                  // no length
            "'1c 01 00 05 6f6b'",       // reason length 5, 2 octets
    })
    void malformed(String payload) {
        assertThat(error(payload).code()).isEqualTo(QuicError.FRAME_ENCODING_ERROR);
    }

    @Test
    @DisplayName("a CRYPTO frame ending beyond 2^62-1 is a FRAME_ENCODING_ERROR")
    void cryptoBeyondTheLimit() {
        assertThat(error("06 ffffffffffffffff 01 00").code()).isEqualTo(QuicError.FRAME_ENCODING_ERROR);
    }

    /** RFC 9000 §19.6: the sum of the offset and data length "cannot exceed 2^62-1"; §19.3.1: only a negative packet number is an error. */
    @Test
    @DisplayName("at the edges: a CRYPTO frame ending exactly at 2^62-1, and an ACK range down to packet 0, are valid")
    void edges() throws QuicException {
        assertThat(FrameParser.parse(hex("06 fffffffffffffffe 01 61"), PacketType.INITIAL).get(0))
                .isInstanceOfSatisfying(Frame.Crypto.class, c -> assertThat(c.offset()).isEqualTo(VarInt.MAX - 1));
        // largest 3, first range 0 (3..3), then gap 1, length 0: largest = 3 - 1 - 2 = 0, smallest 0
        assertThat(FrameParser.parse(hex("02 03 00 01 00 01 00"), PacketType.INITIAL))
                .containsExactly(new Frame.Ack(3, 0, List.of(new Frame.AckRange(3, 3), new Frame.AckRange(0, 0)), null));
    }
}
