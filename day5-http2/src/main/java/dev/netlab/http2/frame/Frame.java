package dev.netlab.http2.frame;

import java.nio.ByteBuffer;

/**
 * One HTTP/2 frame (RFC 9113 §4.1, §6): a 9-octet {@link FrameHeader} and a payload whose
 * layout depends on the type. Each frame type is a record of its own with a
 * {@code decode(FrameHeader, ByteBuffer)} factory (the payload in, validated) and
 * {@link #encode(ByteBuffer)} (header and payload out); {@link FrameDecoder} picks the type.
 *
 * <p>Frames are values: they never touch a socket (STYLE.md, "parsers report, servers act").
 */
public sealed interface Frame permits DataFrame, HeadersFrame, PriorityFrame, RstStreamFrame, SettingsFrame,
        PushPromiseFrame, PingFrame, GoAwayFrame, WindowUpdateFrame, ContinuationFrame, UnknownFrame {
    /** The stream the frame belongs to; 0 for frames about the whole connection. */
    int streamId();

    /** The type octet as sent on the wire (an unknown frame keeps its own). */
    int typeCode();

    /** The payload length: what the frame header's Length field says. */
    int payloadLength();

    /**
     * Writes the frame header and payload to {@code out} (at its position, which moves past
     * them). {@code out} must have {@code FrameHeader.LENGTH + payloadLength()} octets left.
     */
    void encode(ByteBuffer out);

    /** The whole frame as a new array (header and payload), for tests and small control frames. */
    default byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(FrameHeader.LENGTH + payloadLength());
        encode(out);
        return out.array();
    }
}
