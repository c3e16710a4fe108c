package dev.netlab.websocket;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Test-side frame building and reading, written independently of the exercise classes: client
 * frames masked with a fixed key, server frames read octet by octet.
 */
public final class Frames {
    public static final int KEY = 0x37FA213D; // RFC 6455 §5.7's example key
    public static final int TEXT = 0x1, BINARY = 0x2, CONT = 0x0, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

    private Frames() {}

    /** One server frame as read. */
    public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** For a Close frame: the code, or -1 if there was none. */
        public int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : -1;
        }

        @Override
        public String toString() {
            return "Frame[fin=" + fin + " rsv=" + rsv + " op=0x" + Integer.toHexString(opcode) + " len=" + payload.length
                    + (opcode == CLOSE ? " code=" + closeCode() : "") + "]";
        }
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A masked client frame. */
    public static byte[] client(boolean fin, int opcode, byte[] payload) {
        return frame(fin, 0, opcode, payload, true, KEY);
    }

    public static byte[] client(int opcode, String text) {
        return client(true, opcode, utf8(text));
    }

    /** Any frame: RSV bits, masked or not, minimal length encoding. */
    public static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked, int key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
        int m = masked ? 0x80 : 0;
        int len = payload.length;
        if (len <= 125) {
            out.write(m | len);
        } else if (len <= 0xFFFF) {
            out.write(m | 126);
            out.write(len >>> 8);
            out.write(len & 0xFF);
        } else {
            out.write(m | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) len >>> shift) & 0xFF);
            }
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] k = {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
            out.write(k, 0, 4);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= k[i & 3];
            }
        }
        out.write(body, 0, body.length);
        return out.toByteArray();
    }

    public static byte[] closePayload(int code, String reason) {
        byte[] r = utf8(reason);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return p;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    /** Reads one unmasked (server) frame; null at a clean end of stream before its first octet. */
    public static Frame read(InputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = need(in);
        if ((b1 & 0x80) != 0) {
            throw new IOException("RFC 6455 §5.1: a server MUST NOT mask frames, this one is masked");
        }
        long len = b1 & 0x7F;
        if (len == 126) {
            len = need(in) << 8 | need(in);
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = len << 8 | need(in);
            }
        }
        byte[] payload = in.readNBytes((int) len);
        if (payload.length != len) {
            throw new EOFException("the stream ended inside a payload");
        }
        return new Frame((b0 & 0x80) != 0, (b0 >>> 4) & 7, b0 & 0x0F, payload);
    }

    private static int need(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the stream ended inside a frame header");
        }
        return b;
    }
}
