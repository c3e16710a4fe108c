package dev.netlab.websocket.frame;

import dev.netlab.kit.StubException;
import dev.netlab.websocket.Role;
import dev.netlab.websocket.WebSocketException;
import dev.netlab.websocket.WireInput;
import java.io.IOException;

/**
 * Reads frame headers and payloads (RFC 6455 §5.2), failing with 1002 at the first octet
 * that breaks a rule and with 1009 as soon as a length is too big.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-------+-+-------------+-------------------------------+
 *  |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *  |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *  |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *  | |1|2|3|       |K|             |                               |
 *  +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *  |     Extended payload length continued, if payload len == 127  |
 *  + - - - - - - - - - - - - - - - +-------------------------------+
 *  |                               |Masking-key, if MASK set to 1  |
 *  +-------------------------------+-------------------------------+
 *  | Masking-key (continued)       |          Payload Data         |
 *  +-------------------------------- - - - - - - - - - - - - - - - +
 * </pre>
 */
public final class FrameReader {
    /** RFC 6455 §5.5: "All control frames MUST have a payload length of 125 bytes or less". */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    /**
     * @param role which side reads: a SERVER requires masked frames, a CLIENT refuses them
     * @param maxPayload the largest payload accepted in one frame (1009 above it)
     */
    public FrameReader(Role role, long maxPayload) {
        // keep the role, the limit and the allowed RSV bits in fields
    }

    /** Which RSV bits an extension gave a meaning to (RSV1 for permessage-deflate); all others must be 0. */
    public void allowRsv(int rsvBits) {
        throw StubException.notImplemented("6.03", "Frame headers: lengths, RSV bits, opcodes, the mask bit", "day6-websocket/README.md#frames");
    }

    /**
     * The next frame's header; the payload is left in {@code in} for {@link #readPayload}. Each rule is
     * checked at the octet that reveals it, with {@link dev.netlab.websocket.CloseCode#PROTOCOL_ERROR} (1002):
     * RSV bits not allowed by {@link #allowRsv}; a reserved opcode (3–7, 0xB–0xF); a control frame without FIN
     * or with any RSV bit, even an allowed one (RFC 7692 §6.1: never the compressed bit on a control frame);
     * a SERVER reading an unmasked frame or a CLIENT a masked one; a control frame announcing more than 125
     * octets; a 16-bit length below 126 or a 64-bit length below 65,536 (not minimal); a 64-bit length with its
     * most significant bit set. A length above the limit is {@code MESSAGE_TOO_BIG} (1009), before the key and
     * the payload are read. The key is four octets, the first in the most significant byte. A stream that ends
     * inside the header throws {@link java.io.EOFException}.
     */
    public FrameHeader readHeader(WireInput in) throws IOException, WebSocketException {
        throw StubException.notImplemented("6.03", "Frame headers: lengths, RSV bits, opcodes, the mask bit", "day6-websocket/README.md#frames");
    }

    /**
     * Reads at least one and at most {@code len} payload octets of the frame (fewer when fewer
     * remain or have arrived: one {@link WireInput#read} call), unmasked with {@link Masking#apply} at
     * {@code position}, into {@code dst}. {@code position} is how many of this
     * payload's octets were read before. Returns the count.
     */
    public int readPayload(WireInput in, FrameHeader header, long position, byte[] dst, int off, int len) throws IOException {
        throw StubException.notImplemented("6.03", "Frame headers: lengths, RSV bits, opcodes, the mask bit", "day6-websocket/README.md#frames");
    }
}
