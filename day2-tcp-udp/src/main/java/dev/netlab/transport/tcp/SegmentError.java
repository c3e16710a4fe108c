package dev.netlab.transport.tcp;

/** Why bytes are not a TCP header. */
public enum SegmentError {
    /** Fewer octets than the fixed header (20) or than the header length the data offset declares. */
    TRUNCATED,
    /** A data offset below 5 words: the header cannot be shorter than its fixed part (RFC 9293 §3.1). */
    BAD_DATA_OFFSET
}
