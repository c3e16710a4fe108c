package dev.netlab.quic;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a client's quic_transport_parameters (RFC 9000 §18, §18.2): a sequence of
 *
 * <pre>
 * Transport Parameter { Transport Parameter ID (i), Transport Parameter Length (i), Transport Parameter Value (..) }
 * </pre>
 *
 * Integer parameters hold one variable-length integer filling the whole value. Faults are
 * TRANSPORT_PARAMETER_ERROR connection errors.
 */
public final class TransportParametersParser {
    /** The parameters whose value is one variable-length integer (RFC 9000 §18.2). */
    static final Set<Long> INTEGERS = Set.of(
            TransportParameters.MAX_IDLE_TIMEOUT, TransportParameters.MAX_UDP_PAYLOAD_SIZE,
            TransportParameters.INITIAL_MAX_DATA, TransportParameters.INITIAL_MAX_STREAM_DATA_BIDI_LOCAL,
            TransportParameters.INITIAL_MAX_STREAM_DATA_BIDI_REMOTE, TransportParameters.INITIAL_MAX_STREAM_DATA_UNI,
            TransportParameters.INITIAL_MAX_STREAMS_BIDI, TransportParameters.INITIAL_MAX_STREAMS_UNI,
            TransportParameters.ACK_DELAY_EXPONENT, TransportParameters.MAX_ACK_DELAY,
            TransportParameters.ACTIVE_CONNECTION_ID_LIMIT);
    /** Only a server sends these (RFC 9000 §18.2). */
    static final Set<Long> SERVER_ONLY = Set.of(
            TransportParameters.ORIGINAL_DESTINATION_CONNECTION_ID, TransportParameters.STATELESS_RESET_TOKEN,
            TransportParameters.PREFERRED_ADDRESS, TransportParameters.RETRY_SOURCE_CONNECTION_ID);

    private TransportParametersParser() {}

    /** The parameters a client sent, in order. */
    public static TransportParameters parse(byte[] encoded) throws QuicException {
        ByteBuffer in = ByteBuffer.wrap(encoded);
        List<TransportParameters.Parameter> parameters = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        while (in.hasRemaining()) {
            long id = varint(in, "a parameter ID");
            long length = varint(in, "the length of parameter 0x" + Long.toHexString(id));
            if (length > in.remaining()) {
                throw error("parameter 0x" + Long.toHexString(id) + " of " + length + " octets runs past the extension");
            }
            byte[] value = new byte[(int) length];
            in.get(value);
            // RFC 9000 §7.4: "An endpoint MUST NOT send a parameter more than once in a given
            // transport parameters extension. An endpoint SHOULD treat receipt of duplicate
            // transport parameters as a connection error of type TRANSPORT_PARAMETER_ERROR."
            if (!seen.add(id)) {
                throw error("parameter 0x" + Long.toHexString(id) + " appears twice");
            }
            // RFC 9000 §18.2: "A client MUST NOT include any server-only transport parameter ...
            // A server MUST treat receipt of any of these transport parameters as a connection
            // error of type TRANSPORT_PARAMETER_ERROR."
            if (SERVER_ONLY.contains(id)) {
                throw error("parameter 0x" + Long.toHexString(id) + " is sent by servers only");
            }
            Long integer = null;
            if (INTEGERS.contains(id)) {
                ByteBuffer v = ByteBuffer.wrap(value);
                integer = varint(v, "the value of parameter 0x" + Long.toHexString(id));
                if (v.hasRemaining()) {
                    throw error("parameter 0x" + Long.toHexString(id) + " has octets after its integer");
                }
                check(id, integer);
            } else if (id == TransportParameters.DISABLE_ACTIVE_MIGRATION && length != 0) {
                throw error("disable_active_migration has a zero-length value");
            } else if (id == TransportParameters.INITIAL_SOURCE_CONNECTION_ID && length > ConnectionId.MAX_LENGTH_V1) {
                throw error("initial_source_connection_id of " + length + " octets (at most 20)");
            }
            parameters.add(new TransportParameters.Parameter(id, value, integer));
        }
        return new TransportParameters(List.copyOf(parameters));
    }

    /** The value limits of RFC 9000 §18.2. */
    private static void check(long id, long value) throws QuicException {
        if (id == TransportParameters.MAX_UDP_PAYLOAD_SIZE && value < 1200) {
            throw error("max_udp_payload_size " + value + ": values below 1200 are invalid");
        }
        if (id == TransportParameters.ACK_DELAY_EXPONENT && value > 20) {
            throw error("ack_delay_exponent " + value + ": values above 20 are invalid");
        }
        if (id == TransportParameters.MAX_ACK_DELAY && value >= 1 << 14) {
            throw error("max_ack_delay " + value + ": values of 2^14 or greater are invalid");
        }
        if (id == TransportParameters.ACTIVE_CONNECTION_ID_LIMIT && value < 2) {
            throw error("active_connection_id_limit " + value + ": the value MUST be at least 2");
        }
        if ((id == TransportParameters.INITIAL_MAX_STREAMS_BIDI || id == TransportParameters.INITIAL_MAX_STREAMS_UNI)
                && value > 1L << 60) {
            throw error("a stream limit of " + value + " is over 2^60");
        }
    }

    private static long varint(ByteBuffer in, String what) throws QuicException {
        try {
            return VarInt.read(in);
        } catch (QuicException e) {
            throw error("the extension ends inside " + what);
        }
    }

    private static QuicException error(String why) {
        return QuicException.connection(QuicError.TRANSPORT_PARAMETER_ERROR, why);
    }
}
