package dev.netlab.quic;

import dev.netlab.kit.StubException;

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
 *
 * Hint: a window of {@code capacity} octets starting at the read offset, and a
 * {@code java.util.BitSet} of which of them arrived.
 */
public final class CryptoReassembler {
    /**
     * Buffers at most {@code capacity} octets beyond what was read; IllegalArgumentException
     * under 4096 (RFC 9000 §7.5: implementations "MUST support buffering at least 4096 bytes").
     */
    public CryptoReassembler(int capacity) {
        // keep the capacity, a window of octets, which of them arrived, and the read offset
    }

    /**
     * Takes the data of one CRYPTO frame. Octets before {@link #readOffset()} are ignored (a
     * retransmission); data ending more than {@code capacity} octets past the read offset is
     * {@code QuicException.connection(CRYPTO_BUFFER_EXCEEDED, ...)}; an octet that differs
     * from one already received at the same offset is
     * {@code QuicException.connection(PROTOCOL_VIOLATION, ...)} (RFC 9000 §2.2 allows it).
     */
    public void accept(long offset, byte[] data) throws QuicException {
        throw StubException.notImplemented("7.25", "Frames of an Initial, and the CRYPTO stream reassembled", "day7-capstone/ADVANCED.md#frames-and-the-crypto-stream");
    }

    /** The octets contiguous from {@link #readOffset()} (possibly none); the read offset moves past them. */
    public byte[] read() {
        throw StubException.notImplemented("7.25", "Frames of an Initial, and the CRYPTO stream reassembled", "day7-capstone/ADVANCED.md#frames-and-the-crypto-stream");
    }

    /** The stream offset up to which data was read. */
    public long readOffset() {
        throw StubException.notImplemented("7.25", "Frames of an Initial, and the CRYPTO stream reassembled", "day7-capstone/ADVANCED.md#frames-and-the-crypto-stream");
    }

    /** Octets received beyond the read offset, waiting for a gap to fill. */
    public int buffered() {
        throw StubException.notImplemented("7.25", "Frames of an Initial, and the CRYPTO stream reassembled", "day7-capstone/ADVANCED.md#frames-and-the-crypto-stream");
    }
}
