package dev.netlab.websocket.message;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The second opinion on UTF-8 for the validator's tests: the JDK's strict decoder, and "fail fast" built on it. */
final class Utf8Oracle {
    private Utf8Oracle() {}

    /** Continuation octets at the edges of the ranges RFC 3629's grammar uses. */
    private static final int[] TAILS = {0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF};

    /** Whether the JDK's strict decoder accepts {@code data} as a whole. */
    static boolean valid(byte[] data) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return !d.decode(ByteBuffer.wrap(data), CharBuffer.allocate(data.length + 1), true).isError();
    }

    /** Whether some 0-3 continuation octets make {@code prefix} valid UTF-8 (the JDK's decoder as the judge). */
    static boolean validPrefix(byte[] prefix) {
        if (valid(prefix)) {
            return true;
        }
        for (int n = 1; n <= 3; n++) {
            int combos = (int) Math.pow(TAILS.length, n);
            for (int c = 0; c < combos; c++) {
                byte[] candidate = Arrays.copyOf(prefix, prefix.length + n);
                for (int k = 0, x = c; k < n; k++, x /= TAILS.length) {
                    candidate[prefix.length + k] = (byte) TAILS[x % TAILS.length];
                }
                if (valid(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first index whose octet leaves no valid continuation; data.length if only the end is bad; -1 if valid. */
    static int failsAt(byte[] data) {
        for (int n = 1; n <= data.length; n++) {
            if (!validPrefix(Arrays.copyOf(data, n))) {
                return n - 1;
            }
        }
        return valid(data) ? -1 : data.length;
    }
}
