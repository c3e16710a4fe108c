package dev.netlab.websocket.frame;

import dev.netlab.kit.StubException;

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

    /**
     * XORs {@code data[offset .. offset+length)} with the key in place. {@code position} is the
     * index in the frame's payload of {@code data[offset]}, so a payload can be unmasked in
     * pieces as it arrives.
     */
    public static void apply(byte[] data, int offset, int length, int maskKey, long position) {
        throw StubException.notImplemented("6.04", "Masking a word at a time", "day6-websocket/README.md#masking");
    }
}
