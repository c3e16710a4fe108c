package dev.netlab.quic;

import dev.netlab.kit.StubException;
import java.util.List;

/**
 * Reads the frames of a decrypted Initial or Handshake packet (RFC 9000 §12.4, §19).
 *
 * <pre>
 * PADDING          Type (i) = 0x00
 * PING             Type (i) = 0x01
 * ACK              Type (i) = 0x02..0x03, Largest Acknowledged (i), ACK Delay (i),
 *                  ACK Range Count (i), First ACK Range (i), ACK Range (..) ...,
 *                  [ECN Counts: ECT0 Count (i), ECT1 Count (i), ECN-CE Count (i)]   (0x03 only)
 *                  ACK Range = Gap (i), ACK Range Length (i)
 * CRYPTO           Type (i) = 0x06, Offset (i), Length (i), Crypto Data (..)
 * CONNECTION_CLOSE Type (i) = 0x1c, Error Code (i), Frame Type (i),
 *                  Reason Phrase Length (i), Reason Phrase (..)   (UTF-8)
 * </pre>
 *
 * <p>Your job, {@link #parse}: the frames in order. A run of PADDING octets is ONE
 * {@code Padding(n)}. ACK ranges come out as {@code AckRange(smallest, largest)} from the
 * largest down: the first is {@code largest - firstRange .. largest}; then each range's largest
 * is the previous smallest - gap - 2, its smallest that minus the range length (RFC 9000
 * §19.3.1); {@code ecn} is null for type 0x02.
 *
 * <p>Every fault is a connection error ({@code QuicException.connection}):
 * <ul>
 *   <li>PROTOCOL_VIOLATION: an empty payload ("a packet containing no frames"); a frame type
 *       RFC 9000 defines (up to 0x1e) that Initial and Handshake packets must not carry —
 *       anything but 0x00, 0x01, 0x02, 0x03, 0x06, 0x1c (so 0x1d, the application's
 *       CONNECTION_CLOSE, too); a frame type in a longer encoding than necessary (RFC 9000
 *       §12.4 allows refusing it, we do);</li>
 *   <li>FRAME_ENCODING_ERROR: an unknown frame type (over 0x1e); a frame cut short (see
 *       {@link VarInt#read}); a CRYPTO or reason length past the payload; a CRYPTO frame
 *       ending past 2^62-1; an ACK whose computed packet numbers go below 0.</li>
 * </ul>
 */
public final class FrameParser {
    private FrameParser() {}

    /** The frames of {@code payload}, in order; {@code type} is INITIAL or HANDSHAKE (else IllegalArgumentException). */
    public static List<Frame> parse(byte[] payload, PacketType type) throws QuicException {
        throw StubException.notImplemented("7.25", "Frames of an Initial, and the CRYPTO stream reassembled", "day7-capstone/ADVANCED.md#frames-and-the-crypto-stream");
    }
}
