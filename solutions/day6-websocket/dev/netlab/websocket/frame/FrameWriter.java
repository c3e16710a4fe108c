package dev.netlab.websocket.frame;

import dev.netlab.websocket.Opcode;
import dev.netlab.websocket.Role;
import java.io.IOException;
import java.io.OutputStream;
import java.util.random.RandomGenerator;

/**
 * Writes frames (RFC 6455 §5.2) with the shortest length encoding; as a client, masked with a
 * fresh key per frame from an unpredictable source (§5.3: "The masking key needs to be
 * unpredictable").
 */
public final class FrameWriter {
    /** The longest header: 2 + 8 length octets + 4 key octets. */
    public static final int MAX_HEADER = 14;

    private final Role role;
    private final RandomGenerator random;
    private final byte[] header = new byte[MAX_HEADER];
    private byte[] scratch = new byte[0];

    /** @param random the source of masking keys (used only by a CLIENT; a {@code SecureRandom} in production) */
    public FrameWriter(Role role, RandomGenerator random) {
        this.role = role;
        this.random = random;
    }

    /**
     * Encodes a header into {@code dst} at {@code at}; returns its length (2 to 14).
     * Lengths up to 125 go in the 7 bits, up to 65,535 after the value 126 in 16 bits, larger
     * ones after 127 in 64 bits (most significant bit 0), all in network byte order.
     */
    public static int encodeHeader(byte[] dst, int at, boolean fin, int rsv, Opcode opcode, long length, boolean masked, int maskKey) {
        int p = at;
        dst[p++] = (byte) ((fin ? 0b1000_0000 : 0) | (rsv & 0b111) << 4 | opcode.wire());
        int maskBit = masked ? 0b1000_0000 : 0;
        if (length <= 125) {
            dst[p++] = (byte) (maskBit | length);
        } else if (length <= 0xFFFF) {
            dst[p++] = (byte) (maskBit | 126);
            dst[p++] = (byte) (length >>> 8);
            dst[p++] = (byte) length;
        } else {
            dst[p++] = (byte) (maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                dst[p++] = (byte) (length >>> shift);
            }
        }
        if (masked) {
            dst[p++] = (byte) (maskKey >>> 24);
            dst[p++] = (byte) (maskKey >>> 16);
            dst[p++] = (byte) (maskKey >>> 8);
            dst[p++] = (byte) maskKey;
        }
        return p - at;
    }

    /** Writes one frame; the caller's payload array is never changed (masking works on a copy). */
    public void write(OutputStream out, boolean fin, int rsv, Opcode opcode, byte[] payload, int off, int len) throws IOException {
        boolean masked = role.masksOutgoing();
        int key = masked ? random.nextInt() : 0;
        int h = encodeHeader(header, 0, fin, rsv, opcode, len, masked, key);
        out.write(header, 0, h);
        if (!masked) {
            out.write(payload, off, len);
            return;
        }
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, 256)];
        }
        System.arraycopy(payload, off, scratch, 0, len);
        Masking.apply(scratch, 0, len, key, 0);
        out.write(scratch, 0, len);
    }
}
