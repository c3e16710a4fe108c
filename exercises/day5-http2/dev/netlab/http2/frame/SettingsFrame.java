package dev.netlab.http2.frame;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;
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
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
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
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    @Override
    public void encode(ByteBuffer out) {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    @Override
    public String toString() {
        return ack ? "SETTINGS ACK" : "SETTINGS " + settings;
    }
}
