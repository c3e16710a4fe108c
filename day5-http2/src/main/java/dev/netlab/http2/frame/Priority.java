package dev.netlab.http2.frame;

/**
 * The priority fields of a HEADERS frame with the PRIORITY flag, and of a PRIORITY frame
 * (RFC 9113 §5.3.2, §6.3). RFC 9113 deprecated this scheme ("the prioritization signaling
 * in RFC 7540 was not successful", §5.3.1): a server still parses and validates the fields —
 * a stream may not depend on itself — and otherwise ignores them.
 *
 * @param exclusive the E bit
 * @param dependency the 31-bit stream this one depends on (0 = the root)
 * @param weight the weight as the application sees it, 1 to 256 (the wire carries weight − 1)
 */
public record Priority(boolean exclusive, int dependency, int weight) {
    /** Octets of the fields on the wire: 4 (E + dependency) + 1 (weight). */
    public static final int LENGTH = 5;

    public Priority {
        if (dependency < 0) {
            throw new IllegalArgumentException("a stream dependency is 31 bits: " + dependency);
        }
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("a weight is 1 to 256: " + weight);
        }
    }
}
