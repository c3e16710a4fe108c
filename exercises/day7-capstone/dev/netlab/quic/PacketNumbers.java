package dev.netlab.quic;

import dev.netlab.kit.StubException;

/**
 * Packet numbers are 62-bit counters sent in 1 to 4 octets; the receiver rebuilds the full
 * number as the one closest to the next it expects (RFC 9000 §17.1, Appendix A.3).
 */
public final class PacketNumbers {
    private PacketNumbers() {}

    /**
     * The full packet number whose low {@code bits} bits (8, 16, 24 or 32, else
     * IllegalArgumentException) are {@code truncated}, nearest to {@code largestReceived + 1};
     * {@code largestReceived} is -1 before any packet of the space was received. On a tie the
     * larger one (RFC 9000 A.3's pseudocode, line by line):
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
        throw StubException.notImplemented("7.24", "Opening a packet: header protection and AES-128-GCM", "day7-capstone/ADVANCED.md#opening-an-initial-packet");
    }
}
