package dev.netlab.http2.frame;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * SETTINGS (type 0x4, RFC 9113 §6.5): the sender's configuration, or (with ACK) the
 * acknowledgement that the peer's was applied. Always on stream 0.
 *
 * <pre>
 * SETTINGS Frame {
 *   Length (24),
 *   Type (8) = 0x04,
 *   Unused Flags (7),
 *   ACK Flag (1),
 *   Reserved (1),
 *   Stream Identifier (31) = 0,
 *   Setting (48) ...,
 * }
 * </pre>
 *
 * @param settings the parameters in the order received; empty for an ACK
 */
public record SettingsFrame(boolean ack, List<Setting> settings) implements Frame {
    /** The SETTINGS frame with the ACK flag. */
    public static final SettingsFrame ACK = new SettingsFrame(true, List.of());

    /** The largest flow-control window, 2^31−1 (RFC 9113 §6.9.1). */
    public static final long MAX_WINDOW = 0x7fff_ffffL;

    public SettingsFrame {
        settings = List.copyOf(settings);
        if (ack && !settings.isEmpty()) {
            throw new IllegalArgumentException("a SETTINGS ACK has no parameters");
        }
    }

    /** A SETTINGS frame (no ACK) with these parameters. */
    public static SettingsFrame of(Setting... settings) {
        return new SettingsFrame(false, List.of(settings));
    }

    /**
     * Decodes the payload of a SETTINGS frame and checks every value against RFC 9113 §6.5.2
     * (and RFC 8441 §3); {@code payload} holds exactly {@code header.length()} octets. All
     * errors are connection errors: a stream other than 0 PROTOCOL_ERROR; ACK with a payload, or
     * a length that is not a multiple of 6, FRAME_SIZE_ERROR; ENABLE_PUSH or
     * ENABLE_CONNECT_PROTOCOL other than 0/1 PROTOCOL_ERROR; INITIAL_WINDOW_SIZE above 2^31−1
     * FLOW_CONTROL_ERROR; MAX_FRAME_SIZE outside 2^14..2^24−1 PROTOCOL_ERROR. Unknown
     * identifiers are kept, in order.
     */
    public static SettingsFrame decode(FrameHeader header, ByteBuffer payload) throws Http2Exception {
        // RFC 9113 §6.5: "If an endpoint receives a SETTINGS frame whose Stream Identifier field
        // is anything other than 0x00, the endpoint MUST respond with a connection error
        // (Section 5.4.1) of type PROTOCOL_ERROR."
        Padding.requireConnection(header);
        boolean ack = header.has(Flags.ACK);
        // "Receipt of a SETTINGS frame with the ACK flag set and a length field value other than 0
        // MUST be treated as a connection error (Section 5.4.1) of type FRAME_SIZE_ERROR."
        if (ack && header.length() != 0) {
            throw Http2Exception.connectionError(ErrorCode.FRAME_SIZE_ERROR, "a SETTINGS ACK with %d octets", header.length());
        }
        // "A SETTINGS frame with a length other than a multiple of 6 octets MUST be treated as a
        // connection error (Section 5.4.1) of type FRAME_SIZE_ERROR."
        if (header.length() % Setting.LENGTH != 0) {
            throw Http2Exception.connectionError(ErrorCode.FRAME_SIZE_ERROR,
                    "SETTINGS of %d octets is not a multiple of 6", header.length());
        }
        List<Setting> settings = new ArrayList<>(header.length() / Setting.LENGTH);
        while (payload.remaining() >= Setting.LENGTH) {
            Setting s = new Setting(payload.getShort() & 0xffff, payload.getInt() & 0xffff_ffffL);
            check(s);
            settings.add(s);
        }
        return new SettingsFrame(ack, settings);
    }

    private static void check(Setting s) throws Http2Exception {
        long v = s.value();
        switch (s.identifier()) {
            // §6.5.2: "Any value other than 0 or 1 MUST be treated as a connection error
            // (Section 5.4.1) of type PROTOCOL_ERROR." (RFC 8441 §3 alike for its setting.)
            case Setting.ENABLE_PUSH, Setting.ENABLE_CONNECT_PROTOCOL -> {
                if (v > 1) {
                    throw Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR, "%s must be 0 or 1", s);
                }
            }
            // "Values above the maximum flow-control window size of 2^31-1 MUST be treated as a
            // connection error (Section 5.4.1) of type FLOW_CONTROL_ERROR."
            case Setting.INITIAL_WINDOW_SIZE -> {
                if (v > MAX_WINDOW) {
                    throw Http2Exception.connectionError(ErrorCode.FLOW_CONTROL_ERROR, "%s is above 2^31-1", s);
                }
            }
            // "Values outside this range [2^14 to 2^24-1] MUST be treated as a connection error
            // (Section 5.4.1) of type PROTOCOL_ERROR."
            case Setting.MAX_FRAME_SIZE -> {
                if (v < FrameHeader.DEFAULT_MAX_FRAME_SIZE || v > FrameHeader.MAX_FRAME_SIZE_LIMIT) {
                    throw Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR, "%s is outside 2^14..2^24-1", s);
                }
            }
            default -> {
                // any value; unknown identifiers are ignored when applied
            }
        }
    }

    @Override
    public int streamId() {
        return 0;
    }

    @Override
    public int typeCode() {
        return FrameType.SETTINGS.wire();
    }

    @Override
    public int payloadLength() {
        return settings.size() * Setting.LENGTH;
    }

    @Override
    public void encode(ByteBuffer out) {
        new FrameHeader(payloadLength(), typeCode(), ack ? Flags.ACK : 0, 0).write(out);
        for (Setting s : settings) {
            out.putShort((short) s.identifier());
            out.putInt((int) s.value());
        }
    }

    @Override
    public String toString() {
        return ack ? "SETTINGS ACK" : "SETTINGS " + settings;
    }
}
