package dev.netlab.tls.record;

import dev.netlab.kit.StubException;
import dev.netlab.tls.TlsAlert;
import dev.netlab.tls.TlsException;
import java.nio.ByteBuffer;

/**
 * Reads TLS records from a byte stream that arrives in pieces of any size (RFC 8446 §5.1),
 * resumably: {@link #read(ByteBuffer)} consumes what it can and returns a record once one is
 * whole, or null when it needs more octets.
 *
 * <pre>
 *  0        1        2        3        4        5
 * ┌────────┬─────────────────┬─────────────────┬───────────────────────────┐
 * │  type  │ legacy_record_  │     length      │ fragment                  │
 * │ 20..24 │ version 0x03 xx │ ≤ 2^14 + 256    │ (length octets)           │
 * └────────┴─────────────────┴─────────────────┴───────────────────────────┘
 * </pre>
 *
 * Checked at the first octet that shows the problem, each a {@link TlsException}:
 * <ul>
 *   <li>an unknown content type: {@code unexpected_message} (RFC 8446 §5: "If a TLS
 *       implementation receives an unexpected record type, it MUST terminate the connection
 *       with an "unexpected_message" alert") — what a plain-HTTP client on a TLS port causes,
 *       since 'G' of "GET" is 0x47;</li>
 *   <li>a version whose first octet is not 3: {@code decode_error} (the second octet is ignored,
 *       RFC 8446 §5.1: "legacy_record_version ... MUST be ignored for all purposes");</li>
 *   <li>a length over 2^14 + 256: {@code record_overflow} (RFC 8446 §5.2: "The length MUST NOT
 *       exceed 2^14 + 256 bytes. An endpoint that receives a record that exceeds this length MUST
 *       terminate the connection with a "record_overflow" alert") — refused at the length octets,
 *       before any of the fragment is buffered;</li>
 *   <li>a zero-length handshake or alert record: {@code unexpected_message} (RFC 8446 §5.1:
 *       "Implementations MUST NOT send zero-length fragments of Handshake types").</li>
 * </ul>
 * After an error the reader is broken; {@link #reset()} makes it new. Offsets in errors count
 * the octets this reader consumed since it was made or reset.
 */
public final class RecordReader {
    /** RFC 8446 §5.2: the largest TLSCiphertext.length. */
    public static final int MAX_LENGTH = (1 << 14) + 256;

    /** The next whole record, consuming from {@code in}; null when {@code in} ran out first (its octets are kept). */
    public TlsRecord read(ByteBuffer in) throws TlsException {
        throw StubException.notImplemented("4.04", "The record layer: an incremental record reader", "day4-tls/README.md#the-record-layer");
    }

    /** Whether part of a record has been consumed and the rest is awaited. */
    public boolean inRecord() {
        throw StubException.notImplemented("4.04", "The record layer: an incremental record reader", "day4-tls/README.md#the-record-layer");
    }

    /** Octets consumed since the reader was made or reset. */
    public long consumed() {
        throw StubException.notImplemented("4.04", "The record layer: an incremental record reader", "day4-tls/README.md#the-record-layer");
    }

    /** Forgets everything: ready for a new stream. */
    public void reset() {
        throw StubException.notImplemented("4.04", "The record layer: an incremental record reader", "day4-tls/README.md#the-record-layer");
    }
}
