package dev.netlab.link;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared helpers of the day's tests: hostile-input loops, typed-error assertions, addresses. */
final class Hostile {
    private Hostile() {
    }

    /** A decoder under test: {@code (buf, off, len) -> value}. */
    @FunctionalInterface
    interface Decoder {
        Object decode(byte[] buf, int off, int len) throws PacketException;
    }

    /**
     * Feeds every proper prefix of {@code valid} in a buffer that really ends there: each
     * must give a value or a typed PacketException — never an IndexOutOfBounds or any
     * other RuntimeException.
     */
    static void everyPrefix(byte[] valid, Decoder decoder) {
        for (int len = 0; len < valid.length; len++) {
            byte[] prefix = Arrays.copyOf(valid, len);
            try {
                decoder.decode(prefix, 0, len);
            } catch (PacketException expected) {
                // a typed refusal is the right answer for a cut-off packet
            } catch (RuntimeException e) {
                fail("prefix of " + len + " of " + valid.length + " octets threw " + e, e);
            }
        }
    }

    /** Asserts that {@code call} throws a PacketException carrying {@code error}. */
    static void assertError(PacketError error, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(PacketException.class)
                .extracting(e -> ((PacketException) e).error())
                .isEqualTo(error);
    }

    static Inet4Address ipv4(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Inet6Address ipv6(String text) {
        try {
            return (Inet6Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }

    /** {@code count} octets 0, 1, 2, ... (mod 256). */
    static byte[] counting(int count) {
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = (byte) i;
        }
        return out;
    }
}
