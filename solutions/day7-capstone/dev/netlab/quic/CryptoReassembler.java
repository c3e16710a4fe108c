package dev.netlab.quic;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Puts the CRYPTO frames of one packet number space back in order (RFC 9000 §7.5, §19.6):
 * data may arrive out of order, twice, or overlapping, and is handed to TLS only as a
 * contiguous run from the offset TLS has read up to.
 *
 * <pre>
 *   readOffset                    readOffset + capacity
 *   |■■■■■■■·····■■■■··■■■·········|    ■ received, · missing
 *    └ read() ┘ returns these 7 and moves readOffset past them
 * </pre>
 */
public final class CryptoReassembler {
    private final int capacity;
    private final byte[] window;
    private final BitSet received;
    private long readOffset;

    /**
     * Buffers at most {@code capacity} octets beyond what was read (RFC 9000 §7.5: "Implementations
     * MUST support buffering at least 4096 bytes of data received in out-of-order CRYPTO frames").
     */
    public CryptoReassembler(int capacity) {
        if (capacity < 4096) {
            throw new IllegalArgumentException("RFC 9000 §7.5 asks for at least 4096 octets: " + capacity);
        }
        this.capacity = capacity;
        this.window = new byte[capacity];
        this.received = new BitSet(capacity);
    }

    /**
     * Takes the data of one CRYPTO frame. What lies before {@link #readOffset()} is ignored
     * (a retransmission); data beyond {@code readOffset + capacity} is CRYPTO_BUFFER_EXCEEDED;
     * octets that differ from those already received at the same offset are a
     * PROTOCOL_VIOLATION (RFC 9000 §2.2: an endpoint "MAY treat receipt of different data at
     * the same offset within a stream as a connection error of type PROTOCOL_VIOLATION").
     */
    public void accept(long offset, byte[] data) throws QuicException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        long end = offset + data.length;
        if (end <= readOffset) {
            return;
        }
        // RFC 9000 §7.5: "an endpoint ... MAY close the connection with a CRYPTO_BUFFER_EXCEEDED
        // error code" when the data exceeds what it will buffer.
        if (end - readOffset > capacity) {
            throw QuicException.connection(QuicError.CRYPTO_BUFFER_EXCEEDED,
                    "CRYPTO data up to offset " + end + " is more than " + capacity + " octets past offset " + readOffset);
        }
        long from = Math.max(offset, readOffset);
        for (long at = from; at < end; at++) {
            int slot = (int) (at - readOffset);
            byte b = data[(int) (at - offset)];
            if (received.get(slot)) {
                if (window[slot] != b) {
                    throw QuicException.connection(QuicError.PROTOCOL_VIOLATION,
                            "CRYPTO data at offset " + at + " differs from what was received there before");
                }
            } else {
                window[slot] = b;
                received.set(slot);
            }
        }
    }

    /** The octets that are contiguous from {@link #readOffset()} (possibly none), consumed. */
    public byte[] read() {
        int n = received.nextClearBit(0);
        if (n == 0) {
            return new byte[0];
        }
        byte[] out = Arrays.copyOf(window, n);
        System.arraycopy(window, n, window, 0, capacity - n);
        BitSet rest = received.get(n, Math.max(n, capacity));
        received.clear();
        received.or(rest);
        readOffset += n;
        return out;
    }

    /** The stream offset up to which data was read. */
    public long readOffset() {
        return readOffset;
    }

    /** Octets received beyond the read offset, waiting for a gap to fill. */
    public int buffered() {
        return received.cardinality();
    }
}
