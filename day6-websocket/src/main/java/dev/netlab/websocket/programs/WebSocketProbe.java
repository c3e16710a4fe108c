package dev.netlab.websocket.programs;

import dev.netlab.kit.abuse.ProbeClient;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A well-behaved WebSocket client of the abuse suite's probe (given): it opens the connection
 * with a handshake (no extension), then each exchange sends one masked text message and waits
 * for it to come back — on {@code /echo} as the next message, in {@code /room} among everyone
 * else's messages, which it reads and drops. A Close from the server, a refusal, a frame that
 * breaks RFC 6455 or a late answer (5 s) is an error of the probe.
 */
final class WebSocketProbe extends ProbeClient.SocketClient {
    private static final AtomicLong IDS = new AtomicLong();
    /** Messages of others a room probe reads through before its own, at most. */
    private static final int MAX_SKIPPED = 100_000;

    private final String path;
    private final boolean room;
    private final String id = "probe-" + IDS.incrementAndGet() + "-";
    private long sequence;

    private WebSocketProbe(String path, boolean room) {
        this.path = path;
        this.room = room;
    }

    static WebSocketProbe echo() {
        return new WebSocketProbe("/echo", false);
    }

    static WebSocketProbe room() {
        return new WebSocketProbe("/room", true);
    }

    @Override
    public void connect(InetSocketAddress server) throws IOException {
        super.connect(server);
        out.write(room ? AbusePlan.handshake(path, "Sec-WebSocket-Protocol: chat") : AbusePlan.handshake(path));
        out.flush();
        String head = ProbeClient.readHead(in);
        if (!head.startsWith("HTTP/1.1 101 ")) {
            throw new IOException("the handshake on " + path + " was answered " + head.lines().findFirst().orElse(""));
        }
    }

    @Override
    public void exchange() throws IOException {
        byte[] text = (id + sequence++).getBytes(StandardCharsets.US_ASCII);
        out.write(AbusePlan.clientFrame(true, 0, AbusePlan.OPCODE_TEXT, text));
        out.flush();
        for (int skipped = 0; skipped <= MAX_SKIPPED; skipped++) {
            byte[] payload = readMessage(in);
            if (Arrays.equals(payload, text)) {
                return;
            }
            if (!room) {
                throw new IOException("/echo answered another message than the one sent");
            }
        }
        throw new IOException("its own message did not come back through the room");
    }

    /** The payload of the next unfragmented data frame from the server; pings are answered, pongs skipped. */
    private byte[] readMessage(InputStream stream) throws IOException {
        DataInputStream data = new DataInputStream(stream);
        while (true) {
            int b0 = data.readUnsignedByte();
            int b1 = data.readUnsignedByte();
            if ((b1 & 0x80) != 0 || (b0 & 0x70) != 0) {
                throw new IOException("a masked frame or RSV bits from the server (RFC 6455 §5.1, §5.2)");
            }
            long length = b1 & 0x7F;
            if (length == 126) {
                length = data.readUnsignedShort();
            } else if (length == 127) {
                length = data.readLong();
            }
            if (length > AbusePlan.MAX_MESSAGE) {
                throw new IOException("a frame of " + length + " octets from the server");
            }
            byte[] payload = data.readNBytes((int) length);
            if (payload.length < length) {
                throw new IOException("the connection closed inside a frame");
            }
            int opcode = b0 & 0x0F;
            if (opcode == AbusePlan.OPCODE_CLOSE) {
                int code = payload.length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : 1005;
                throw new IOException("the server closed the probe's connection with " + code);
            }
            if (opcode == AbusePlan.OPCODE_PING) {
                out.write(AbusePlan.clientFrame(true, 0, AbusePlan.OPCODE_PONG, payload));
                out.flush();
            } else if (opcode != AbusePlan.OPCODE_PONG) {
                if ((b0 & 0x80) == 0) {
                    throw new IOException("a fragmented message from the server (this server sends each in one frame)");
                }
                return payload;
            }
        }
    }
}
