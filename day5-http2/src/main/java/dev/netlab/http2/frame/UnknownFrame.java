package dev.netlab.http2.frame;

import java.nio.ByteBuffer;

/**
 * A frame of a type RFC 9113 does not define: an extension (RFC 9113 §5.5). "Implementations
 * MUST ignore and discard frames of unknown types" (§4.1) — except in the middle of a field
 * block, where only CONTINUATION may come (§6.10); the connection decides.
 */
public record UnknownFrame(int typeCode, int flags, int streamId, byte[] payload) implements Frame {
    @Override
    public int payloadLength() {
        return payload.length;
    }

    @Override
    public void encode(ByteBuffer out) {
        new FrameHeader(payload.length, typeCode, flags, streamId).write(out);
        out.put(payload);
    }

    @Override
    public String toString() {
        return "unknown frame type 0x" + Integer.toHexString(typeCode) + " stream=" + streamId + " " + payload.length + " octets";
    }
}
