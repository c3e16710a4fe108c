package dev.netlab.websocket.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Masking and unmasking (RFC 6455 §5.3): octet i of the payload is XORed with octet
 * {@code i MOD 4} of the 32-bit masking key. The same operation masks and unmasks.
 *
 * <pre>
 *   j                   = i MOD 4
 *   transformed-octet-i = original-octet-i XOR masking-key-octet-j
 * </pre>
 *
 * A word at a time: the key, turned to start at the right octet, is repeated into a 64-bit
 * value and XORed with eight octets at once; the last few octets go one by one.
 */
public final class Masking {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Masking() {}

    /**
     * XORs {@code data[offset .. offset+length)} with the key in place. {@code position} is the
     * index in the frame's payload of {@code data[offset]}, so a payload can be unmasked in
     * pieces as it arrives.
     */
    public static void apply(byte[] data, int offset, int length, int maskKey, long position) {
        // the key as it lines up with data[offset]: rotate so that key octet (position MOD 4) comes first
        int key = Integer.rotateLeft(maskKey, 8 * (int) (position & 3));
        long word = (key & 0xFFFF_FFFFL) << 32 | (key & 0xFFFF_FFFFL);
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            LONGS.set(data, i, (long) LONGS.get(data, i) ^ word);
        }
        for (; i < end; i++) {
            data[i] ^= (byte) (key >>> (24 - 8 * ((i - offset) & 3)));
        }
    }
}
