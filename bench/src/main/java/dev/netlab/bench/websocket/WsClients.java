package dev.netlab.bench.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Minimal raw WebSocket clients for load: handshake, masked frames out, unmasked frames in. */
final class WsClients {
    /** How long the 101 may take (a server at its connection cap leaves the connection in its backlog). */
    static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private WsClients() {}

    /** Connects and upgrades {@code path}; returns the socket positioned after the 101 head. */
    static Socket open(int port, String path) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setTcpNoDelay(true);
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = s.getInputStream();
        s.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS); // a server that accepts no more must not hang the bench
        int matched = 0;
        StringBuilder head = new StringBuilder();
        while (matched < 4) {
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketTimeoutException e) {
                s.close();
                throw new IOException("no 101 within " + HANDSHAKE_TIMEOUT_MILLIS + " ms (is the server at its connection cap?); read so far: " + head, e);
            }
            if (b < 0) {
                s.close();
                throw new IOException("closed during the handshake: " + head);
            }
            head.append((char) b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("not upgraded: " + head);
        }
        s.setSoTimeout(0);
        return s;
    }

    /** A masked client text frame of {@code payload.length} ≤ 125 octets. */
    static byte[] textFrame(byte[] payload) {
        return frame(0x81, payload);
    }

    /** A masked client binary frame of ≤ 125 octets. */
    static byte[] binaryFrame(byte[] payload) {
        return frame(0x82, payload);
    }

    private static byte[] frame(int first, byte[] payload) {
        byte[] f = new byte[6 + payload.length];
        f[0] = (byte) first;
        f[1] = (byte) (0x80 | payload.length);
        byte[] key = {0x12, 0x34, 0x56, 0x78};
        System.arraycopy(key, 0, f, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            f[6 + i] = (byte) (payload[i] ^ key[i & 3]);
        }
        return f;
    }

    /** Reads one unmasked server frame's payload (length ≤ 65,535) into a new array. */
    static byte[] readPayload(InputStream in, byte[] header) throws IOException {
        readFully(in, header, 2);
        int len = header[1] & 0x7F;
        if (len == 126) {
            readFully(in, header, 2);
            len = (header[0] & 0xFF) << 8 | header[1] & 0xFF;
        }
        byte[] p = new byte[len];
        readFully(in, p, len);
        return p;
    }

    static void readFully(InputStream in, byte[] b, int n) throws IOException {
        int done = 0;
        while (done < n) {
            int r = in.read(b, done, n - done);
            if (r < 0) {
                throw new IOException("closed");
            }
            done += r;
        }
    }

    static byte[] payload64() {
        byte[] p = new byte[64];
        Arrays.fill(p, (byte) 'x');
        return p;
    }
}
