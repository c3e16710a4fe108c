package dev.netlab.quic;

/**
 * Packet numbers are 62-bit counters sent in 1 to 4 octets; the receiver rebuilds the full
 * number as the one closest to the next it expects (RFC 9000 §17.1, Appendix A.3).
 */
public final class PacketNumbers {
    private PacketNumbers() {}

    /**
     * The full packet number whose low {@code bits} bits (8, 16, 24 or 32) are {@code truncated},
     * nearest to {@code largestReceived + 1}; {@code largestReceived} is -1 before any packet of
     * the space was received.
     *
     * <pre>
     * expected_pn  = largest_pn + 1
     * pn_win       = 1 &lt;&lt; pn_nbits;  pn_hwin = pn_win / 2;  pn_mask = pn_win - 1
     * candidate_pn = (expected_pn &amp; ~pn_mask) | truncated_pn
     * if candidate_pn &lt;= expected_pn - pn_hwin and candidate_pn &lt; (1 &lt;&lt; 62) - pn_win:
     *     return candidate_pn + pn_win
     * if candidate_pn &gt; expected_pn + pn_hwin and candidate_pn &gt;= pn_win:
     *     return candidate_pn - pn_win
     * return candidate_pn
     * </pre>
     */
    public static long decode(long largestReceived, long truncated, int bits) {
        if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw new IllegalArgumentException("a packet number is sent in 8, 16, 24 or 32 bits: " + bits);
        }
        long expected = largestReceived + 1;
        long window = 1L << bits;
        long halfWindow = window / 2;
        long mask = window - 1;
        long candidate = (expected & ~mask) | (truncated & mask);
        if (candidate <= expected - halfWindow && candidate < (1L << 62) - window) {
            return candidate + window;
        }
        if (candidate > expected + halfWindow && candidate >= window) {
            return candidate - window;
        }
        return candidate;
    }
}
