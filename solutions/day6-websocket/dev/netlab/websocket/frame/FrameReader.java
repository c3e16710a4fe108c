package dev.netlab.websocket.frame;

import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.Opcode;
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
    private static final int FIN = 0b1000_0000;
    private static final int RSV_BITS = 0b0111_0000;
    private static final int OPCODE_BITS = 0b0000_1111;
    private static final int MASK = 0b1000_0000;
    private static final int LENGTH_BITS = 0b0111_1111;
    private static final int LENGTH_16 = 126;
    private static final int LENGTH_64 = 127;
    /** RFC 6455 §5.5: "All control frames MUST have a payload length of 125 bytes or less". */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    private final Role role;
    private final long maxPayload;
    private int allowedRsv;

    /**
     * @param role which side reads: a SERVER requires masked frames, a CLIENT refuses them
     * @param maxPayload the largest payload accepted in one frame (1009 above it)
     */
    public FrameReader(Role role, long maxPayload) {
        this.role = role;
        this.maxPayload = maxPayload;
    }

    /** Which RSV bits an extension gave a meaning to (RSV1 for permessage-deflate); all others must be 0. */
    public void allowRsv(int rsvBits) {
        this.allowedRsv = rsvBits;
    }

    /** The next frame's header; the payload is left in {@code in} for {@link #readPayload}. */
    public FrameHeader readHeader(WireInput in) throws IOException, WebSocketException {
        int b0 = in.readUnsignedByte();
        boolean fin = (b0 & FIN) != 0;
        int rsv = (b0 & RSV_BITS) >>> 4;
        // §5.2: "If a nonzero value is received and none of the negotiated extensions defines the meaning of such a
        // nonzero value, the receiving endpoint MUST _Fail the WebSocket Connection_."
        if ((rsv & ~allowedRsv) != 0) {
            throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "RSV bits 0b" + Integer.toBinaryString(rsv) + " set, no extension defines them");
        }
        // §5.2: "If an unknown opcode is received, the receiving endpoint MUST _Fail the WebSocket Connection_."
        Opcode opcode = Opcode.fromWire(b0 & OPCODE_BITS);
        if (opcode == null) {
            throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "reserved opcode 0x" + Integer.toHexString(b0 & OPCODE_BITS));
        }
        // §5.5: "All control frames ... MUST NOT be fragmented."
        if (opcode.isControl() && !fin) {
            throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "a fragmented " + opcode + " frame");
        }
        // RFC 7692 §6.1: "An endpoint MUST NOT set the "Per-Message Compressed" bit of control frames ... An endpoint
        // receiving such a frame MUST _Fail the WebSocket Connection_." No extension here gives a control frame RSV bits.
        if (opcode.isControl() && rsv != 0) {
            throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "RSV bits 0b" + Integer.toBinaryString(rsv) + " on a " + opcode + " frame");
        }
        int b1 = in.readUnsignedByte();
        boolean masked = (b1 & MASK) != 0;
        if (role == Role.SERVER && !masked) {
            // §5.1: "The server MUST close the connection upon receiving a frame that is not masked."
            throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "a client frame without a mask");
        }
        if (role == Role.CLIENT && masked) {
            // §5.1: "A client MUST close a connection if it detects a masked frame."
            throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "a masked frame from the server");
        }
        long length = b1 & LENGTH_BITS;
        if (opcode.isControl() && length > MAX_CONTROL_PAYLOAD) {
            throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "a " + opcode + " frame of " + (length == LENGTH_16 ? "126+" : "127+") + " octets (at most 125)");
        }
        if (length == LENGTH_16) {
            length = in.readUnsignedByte() << 8 | in.readUnsignedByte();
            // §5.2: "the minimal number of bytes MUST be used to encode the length"
            if (length < LENGTH_16) {
                throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "length " + length + " in 16 bits (not minimal)");
            }
        } else if (length == LENGTH_64) {
            int first = in.readUnsignedByte();
            // §5.2: "the most significant bit MUST be 0"
            if ((first & 0x80) != 0) {
                throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "64-bit length with its most significant bit set");
            }
            length = first;
            for (int i = 0; i < 7; i++) {
                length = length << 8 | in.readUnsignedByte();
            }
            if (length <= 0xFFFF) {
                throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "length " + length + " in 64 bits (not minimal)");
            }
        }
        if (length > maxPayload) {
            throw new WebSocketException(CloseCode.MESSAGE_TOO_BIG, "a frame of " + length + " octets (limit " + maxPayload + ")");
        }
        int key = 0;
        if (masked) {
            key = in.readUnsignedByte() << 24 | in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
        }
        return new FrameHeader(fin, rsv, opcode, masked, key, length);
    }

    /**
     * Reads at least one and at most {@code len} payload octets of the frame (fewer when fewer
     * remain or have arrived), unmasked, into {@code dst}. {@code position} is how many of this
     * payload's octets were read before. Returns the count.
     */
    public int readPayload(WireInput in, FrameHeader header, long position, byte[] dst, int off, int len) throws IOException {
        int want = (int) Math.min(len, header.length() - position);
        if (want <= 0) {
            return 0;
        }
        int n = in.read(dst, off, want);
        if (n < 0) {
            throw new java.io.EOFException("the stream ended inside a payload");
        }
        if (header.masked()) {
            Masking.apply(dst, off, n, header.maskKey(), position);
        }
        return n;
    }
}
