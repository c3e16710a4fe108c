package dev.netlab.quic;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * QUIC transport parameters (RFC 9000 §18), in the order sent. Integer parameters carry
 * their decoded value; the others their octets.
 */
public record TransportParameters(List<Parameter> parameters) {
    public static final long ORIGINAL_DESTINATION_CONNECTION_ID = 0x00;
    public static final long MAX_IDLE_TIMEOUT = 0x01;
    public static final long STATELESS_RESET_TOKEN = 0x02;
    public static final long MAX_UDP_PAYLOAD_SIZE = 0x03;
    public static final long INITIAL_MAX_DATA = 0x04;
    public static final long INITIAL_MAX_STREAM_DATA_BIDI_LOCAL = 0x05;
    public static final long INITIAL_MAX_STREAM_DATA_BIDI_REMOTE = 0x06;
    public static final long INITIAL_MAX_STREAM_DATA_UNI = 0x07;
    public static final long INITIAL_MAX_STREAMS_BIDI = 0x08;
    public static final long INITIAL_MAX_STREAMS_UNI = 0x09;
    public static final long ACK_DELAY_EXPONENT = 0x0a;
    public static final long MAX_ACK_DELAY = 0x0b;
    public static final long DISABLE_ACTIVE_MIGRATION = 0x0c;
    public static final long PREFERRED_ADDRESS = 0x0d;
    public static final long ACTIVE_CONNECTION_ID_LIMIT = 0x0e;
    public static final long INITIAL_SOURCE_CONNECTION_ID = 0x0f;
    public static final long RETRY_SOURCE_CONNECTION_ID = 0x10;

    /**
     * One parameter.
     *
     * @param integer the value of an integer parameter (RFC 9000 §18.2 lists which), else null
     */
    public record Parameter(long id, byte[] value, Long integer) {
        @Override
        public String toString() {
            return "0x" + Long.toHexString(id) + "=" + (integer != null ? integer.toString() : HexFormat.of().formatHex(value));
        }
    }

    /** The value of an integer parameter, if sent. */
    public OptionalLong integer(long id) {
        return parameters.stream().filter(p -> p.id() == id && p.integer() != null)
                .mapToLong(Parameter::integer).findFirst();
    }

    /** The octets of a parameter, if sent. */
    public Optional<byte[]> bytes(long id) {
        return parameters.stream().filter(p -> p.id() == id).map(Parameter::value).findFirst();
    }

    /** initial_source_connection_id, if sent (every endpoint MUST: RFC 9000 §7.3). */
    public Optional<ConnectionId> initialSourceConnectionId() {
        return bytes(INITIAL_SOURCE_CONNECTION_ID).map(ConnectionId::of);
    }
}
