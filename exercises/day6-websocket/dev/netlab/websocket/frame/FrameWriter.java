package dev.netlab.websocket.frame;

import dev.netlab.kit.StubException;
import dev.netlab.websocket.Opcode;
import dev.netlab.websocket.Role;
import java.io.IOException;
import java.io.OutputStream;
import java.util.random.RandomGenerator;

/**
 * Writes frames (RFC 6455 §5.2) with the shortest length encoding; as a client, masked with a
 * fresh key per frame from an unpredictable source (§5.3: "The masking key needs to be
 * unpredictable").
 */
public final class FrameWriter {
    /** The longest header: 2 + 8 length octets + 4 key octets. */
    public static final int MAX_HEADER = 14;

    /** @param random the source of masking keys (used only by a CLIENT; a {@code SecureRandom} in production) */
    public FrameWriter(Role role, RandomGenerator random) {
        // keep the role and the random source in fields; a 14-octet header buffer helps
    }

    /**
     * Encodes a header into {@code dst} at {@code at}; returns its length (2 to 14).
     * Lengths up to 125 go in the 7 bits, up to 65,535 after the value 126 in 16 bits, larger
     * ones after 127 in 64 bits (most significant bit 0), all in network byte order.
     */
    public static int encodeHeader(byte[] dst, int at, boolean fin, int rsv, Opcode opcode, long length, boolean masked, int maskKey) {
        throw StubException.notImplemented("6.05", "Writing frames", "day6-websocket/README.md#frames");
    }

    /** Writes one frame; the caller's payload array is never changed (masking works on a copy). */
    public void write(OutputStream out, boolean fin, int rsv, Opcode opcode, byte[] payload, int off, int len) throws IOException {
        throw StubException.notImplemented("6.05", "Writing frames", "day6-websocket/README.md#frames");
    }
}
