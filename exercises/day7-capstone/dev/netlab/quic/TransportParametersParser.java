package dev.netlab.quic;

import dev.netlab.kit.StubException;

/**
 * Reads a client's quic_transport_parameters (RFC 9000 §18, §18.2): a sequence of
 *
 * <pre>
 * Transport Parameter { Transport Parameter ID (i), Transport Parameter Length (i), Transport Parameter Value (..) }
 * </pre>
 *
 * <p>Your job, {@link #parse}: every parameter in order. These carry ONE variable-length
 * integer that fills the whole value, stored in {@code Parameter.integer}: max_idle_timeout,
 * max_udp_payload_size, initial_max_data, the three initial_max_stream_data_*, the two
 * initial_max_streams_*, ack_delay_exponent, max_ack_delay, active_connection_id_limit; all
 * others (unknown and reserved ones included) keep {@code integer == null}.
 *
 * <p>Every fault is {@code QuicException.connection(TRANSPORT_PARAMETER_ERROR, ...)}: a field
 * cut short or a length past the end; the same ID twice (RFC 9000 §7.4); a server-only
 * parameter from a client (original_destination_connection_id, stateless_reset_token,
 * preferred_address, retry_source_connection_id); an integer value with octets left over or
 * cut short; and the limits of RFC 9000 §18.2: max_udp_payload_size under 1200,
 * ack_delay_exponent over 20, max_ack_delay of 2^14 or more, active_connection_id_limit under
 * 2, initial_max_streams_* over 2^60, disable_active_migration with a value,
 * initial_source_connection_id over 20 octets.
 */
public final class TransportParametersParser {
    private TransportParametersParser() {}

    /** The parameters a client sent, in order. */
    public static TransportParameters parse(byte[] encoded) throws QuicException {
        throw StubException.notImplemented("7.26", "The TLS ClientHello inside, and its QUIC transport parameters", "day7-capstone/ADVANCED.md#the-clienthello-inside");
    }
}
