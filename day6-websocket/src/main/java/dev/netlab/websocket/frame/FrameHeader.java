package dev.netlab.websocket.frame;

import dev.netlab.websocket.Opcode;

/**
 * The fixed part of one frame, as read from the wire (RFC 6455 §5.2); the payload follows it.
 *
 * @param fin whether this is the final fragment of a message
 * @param rsv the three RSV bits as a number: {@link #RSV1} = 0b100, {@link #RSV2} = 0b010, {@link #RSV3} = 0b001
 * @param opcode the frame's opcode
 * @param masked whether a masking key follows the length
 * @param maskKey the 32-bit masking key, first key octet in the most significant byte (0 if not masked)
 * @param length the payload length in octets, 0 to 2^63 - 1
 */
public record FrameHeader(boolean fin, int rsv, Opcode opcode, boolean masked, int maskKey, long length) {
    /** RSV1: "per-message compressed" once permessage-deflate is negotiated (RFC 7692 §6). */
    public static final int RSV1 = 0b100;
    public static final int RSV2 = 0b010;
    public static final int RSV3 = 0b001;

    /** Whether RSV1 is set. */
    public boolean rsv1() {
        return (rsv & RSV1) != 0;
    }
}
