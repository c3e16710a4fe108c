package dev.netlab.http2.programs;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/2 octets written by hand for the abuse suite's clients (given; independent of the day's
 * frame and HPACK code, so that the attackers and the probe do not share the server's bugs):
 * the frame header of RFC 9113 §4.1 and requests whose field blocks use only the static table
 * and literals without indexing (RFC 7541 §6.1, §6.2.2), so no dynamic table is needed.
 *
 * <pre>
 * +-----------------------------------------------+
 * |                 Length (24)                   |
 * +---------------+---------------+---------------+
 * |   Type (8)    |   Flags (8)   |
 * +-+-------------+---------------+-------------------------------+
 * |R|                 Stream Identifier (31)                      |
 * +=+=============================================================+
 * |                   Frame Payload (0...)                      ...
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class RawFrames {
    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int WINDOW_UPDATE = 0x8;
    public static final int CONTINUATION = 0x9;

    public static final int END_STREAM = 0x1;
    public static final int ACK = 0x1;
    public static final int END_HEADERS = 0x4;
    public static final int PADDED = 0x8;
    public static final int PRIORITY = 0x20;

    /** RFC 9113 §3.4: the client connection preface. */
    public static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private RawFrames() {}

    /** One frame: the 9-octet header, then {@code payload}. */
    public static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] f = new byte[9 + payload.length];
        f[0] = (byte) (payload.length >>> 16);
        f[1] = (byte) (payload.length >>> 8);
        f[2] = (byte) payload.length;
        f[3] = (byte) type;
        f[4] = (byte) flags;
        f[5] = (byte) (stream >>> 24 & 0x7f);
        f[6] = (byte) (stream >>> 16);
        f[7] = (byte) (stream >>> 8);
        f[8] = (byte) stream;
        System.arraycopy(payload, 0, f, 9, payload.length);
        return f;
    }

    /** SETTINGS with (identifier, value) pairs. */
    public static byte[] settings(int... idValue) {
        byte[] p = new byte[idValue.length / 2 * 6];
        for (int i = 0, at = 0; i < idValue.length; i += 2, at += 6) {
            p[at] = (byte) (idValue[i] >>> 8);
            p[at + 1] = (byte) idValue[i];
            p[at + 2] = (byte) (idValue[i + 1] >>> 24);
            p[at + 3] = (byte) (idValue[i + 1] >>> 16);
            p[at + 4] = (byte) (idValue[i + 1] >>> 8);
            p[at + 5] = (byte) idValue[i + 1];
        }
        return frame(SETTINGS, 0, 0, p);
    }

    public static byte[] settingsAck() {
        return frame(SETTINGS, ACK, 0, new byte[0]);
    }

    public static byte[] ping(int flags, long opaque) {
        byte[] p = new byte[8];
        for (int i = 0; i < 8; i++) {
            p[i] = (byte) (opaque >>> (56 - 8 * i));
        }
        return frame(PING, flags, 0, p);
    }

    public static byte[] rstStream(int stream, int code) {
        return frame(RST_STREAM, 0, stream, int32(code));
    }

    public static byte[] windowUpdate(int stream, int increment) {
        return frame(WINDOW_UPDATE, 0, stream, int32(increment));
    }

    /**
     * The field block of {@code GET path} with {@code :authority abuse}: {@code 0x82}
     * ({@code :method GET}, static index 2), {@code 0x86} ({@code :scheme http}, index 6), then
     * {@code :path} (name index 4) and {@code :authority} (name index 1) as literals without
     * indexing, not Huffman-coded.
     */
    public static byte[] getBlock(String path) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x82);
        b.write(0x86);
        literal(b, 0x04, path);
        literal(b, 0x01, "abuse");
        return b.toByteArray();
    }

    /** A GET on {@code stream}: one HEADERS frame with END_HEADERS and END_STREAM. */
    public static byte[] get(int stream, String path) {
        return frame(HEADERS, END_HEADERS | END_STREAM, stream, getBlock(path));
    }

    /**
     * The HEADERS of {@code POST path} whose content follows in DATA frames: END_HEADERS, no
     * END_STREAM; the block as {@link #getBlock} with {@code 0x83} ({@code :method POST}, static index 3).
     */
    public static byte[] post(int stream, String path) {
        byte[] block = getBlock(path);
        block[0] = (byte) 0x83;
        return frame(HEADERS, END_HEADERS, stream, block);
    }


    /**
     * An RFC 8441 §4 extended CONNECT on {@code stream}: HEADERS with END_HEADERS and no
     * END_STREAM (the tunnel stays open), the block {@code :method CONNECT} (name index 2),
     * {@code :protocol websocket} (a literal with a new name), {@code 0x87} ({@code :scheme https},
     * index 7), {@code :path} and {@code :authority localhost}, then
     * {@code sec-websocket-version: 13} (RFC 8441 §5: no key, no Upgrade).
     */
    public static byte[] extendedConnect(int stream, String path) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        literal(b, 0x02, "CONNECT");
        newName(b, ":protocol", "websocket");
        b.write(0x87);
        literal(b, 0x04, path);
        literal(b, 0x01, "localhost");
        newName(b, "sec-websocket-version", "13");
        return frame(HEADERS, END_HEADERS, stream, b.toByteArray());
    }

    /** DATA on {@code stream}, with END_STREAM when {@code end}. */
    public static byte[] data(int stream, byte[] payload, boolean end) {
        return frame(DATA, end ? END_STREAM : 0, stream, payload);
    }

    /** 00000000: a literal without indexing with a new name (RFC 7541 §6.2.2), both < 127 octets, not Huffman-coded. */
    private static void newName(ByteArrayOutputStream b, String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        b.write(0x00);
        b.write(n.length);
        b.write(n, 0, n.length);
        b.write(v.length);
        b.write(v, 0, v.length);
    }

    /** 0000NNNN: a literal without indexing, name from static index {@code nameIndex} (< 15), value of < 127 octets. */
    private static void literal(ByteArrayOutputStream b, int nameIndex, String value) {
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        b.write(nameIndex);
        b.write(v.length);
        b.write(v, 0, v.length);
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.write(p, 0, p.length);
        }
        return b.toByteArray();
    }

    /** A frame as read: type, flags, stream and payload. */
    public record Read(int type, int flags, int stream, byte[] payload) {}

    /** Reads one frame (at most {@code maxPayload} octets of payload). */
    public static Read read(DataInputStream in, int maxPayload) throws IOException {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt() & 0x7fff_ffff;
        if (length > maxPayload) {
            throw new IOException("a frame of " + length + " octets, over " + maxPayload);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Read(type, flags, stream, payload);
    }
}
