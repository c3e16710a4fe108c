package dev.netlab.quic;

import java.util.HexFormat;
import java.util.List;

/** The frames a packet's payload is made of (RFC 9000 §12.4, §19); only those an Initial may carry. */
public sealed interface Frame {
    /** Frame types (RFC 9000 §12.4, Table 3). */
    int PADDING = 0x00;
    int PING = 0x01;
    int ACK = 0x02;
    int ACK_ECN = 0x03;
    int CRYPTO = 0x06;
    int CONNECTION_CLOSE = 0x1c;
    int CONNECTION_CLOSE_APPLICATION = 0x1d;
    /** The highest frame type RFC 9000 defines (HANDSHAKE_DONE). */
    int LAST_RFC9000_TYPE = 0x1e;

    /** One or more PADDING octets in a row (type 0x00 each), counted as one. */
    record Padding(int length) implements Frame {}

    /** PING (0x01): asks for an acknowledgment. */
    record Ping() implements Frame {}

    /**
     * ACK (0x02, or 0x03 with ECN counts): the packets received, as ranges from the largest
     * down. {@code ackDelay} is the raw field (scaled by the ack_delay_exponent).
     */
    record Ack(long largest, long ackDelay, List<AckRange> ranges, EcnCounts ecn) implements Frame {}

    /** Packet numbers {@code smallest..largest}, both included. */
    record AckRange(long smallest, long largest) {}

    /** The ECN counts of an ACK of type 0x03. */
    record EcnCounts(long ect0, long ect1, long ce) {}

    /** CRYPTO (0x06): handshake octets at {@code offset} of the packet number space's crypto stream. */
    record Crypto(long offset, byte[] data) implements Frame {
        @Override
        public String toString() {
            return "Crypto[offset=" + offset + ", " + data.length + " octets: "
                    + HexFormat.of().formatHex(data, 0, Math.min(8, data.length)) + (data.length > 8 ? "...]" : "]");
        }
    }

    /** CONNECTION_CLOSE (0x1c): a transport error, the frame type that caused it, a reason. */
    record ConnectionClose(long errorCode, long frameType, String reason) implements Frame {}
}
