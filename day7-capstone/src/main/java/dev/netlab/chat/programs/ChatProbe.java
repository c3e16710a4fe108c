package dev.netlab.chat.programs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.kit.abuse.ProbeClient;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A well-behaved member of the chat for the abuse suite's probe (given): TLS trusting the lab CA,
 * the HTTP/1.1 upgrade of {@code /chat} (no extension), a join of {@value AbusePlan#ROOM}; then
 * each exchange either sends a message (at most one per {@value #SEND_EVERY_MILLIS} ms, within the
 * chat's 5 per second) and waits for its {@code ack} and for the message itself to come back
 * through the room, or asks {@code rooms} and waits for the answer — both through the server's
 * sequencer. Everything else the room carries (the attackers' messages, presence) is read and
 * dropped. An {@code error}, a Close, a refusal, a frame that breaks RFC 6455 or a late answer
 * (5 s) is an error of the probe.
 */
final class ChatProbe extends ProbeClient.SocketClient {
    static final long SEND_EVERY_MILLIS = 250;
    /** Messages of others a probe reads through before its answer, at most. */
    private static final int MAX_SKIPPED = 100_000;
    /** The largest message the chat sends (a resume of 500 messages is 500 frames, not one). */
    private static final int MAX_MESSAGE = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String nick;
    private long sequence;
    private long lastSend;

    ChatProbe(String nick) {
        this.nick = nick;
    }

    @Override
    protected Socket layer(Socket plain, InetSocketAddress server) throws IOException {
        return AbusePlan.tls(plain, server, "localhost");
    }

    @Override
    public void connect(InetSocketAddress server) throws IOException {
        super.connect(server);
        out.write(AbusePlan.upgradeRequest());
        out.flush();
        String head = ProbeClient.readHead(in);
        if (!head.startsWith("HTTP/1.1 101 ")) {
            throw new IOException("the upgrade of /chat was answered " + head.lines().findFirst().orElse(""));
        }
        out.write(AbusePlan.join(nick));
        out.flush();
        await("joined", null, null);
        lastSend = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(SEND_EVERY_MILLIS);
    }

    @Override
    public void exchange() throws IOException {
        long now = System.nanoTime();
        if (now - lastSend >= TimeUnit.MILLISECONDS.toNanos(SEND_EVERY_MILLIS)) {
            lastSend = now;
            // a ref is unique in the room, not per connection: a ref seen before is a resend, stored once and not delivered again
            String text = nick + "-" + sequence++;
            String ref = text;
            out.write(AbusePlan.send(text, ref));
            out.flush();
            await("ack", ref, text);
        } else {
            out.write(AbusePlan.frame(true, 0, AbusePlan.OPCODE_TEXT, AbusePlan.utf8("{\"type\":\"rooms\"}")));
            out.flush();
            await("rooms", null, null);
        }
    }

    /**
     * Reads until the server's answer of {@code type} came (with {@code ref} when given) and, when
     * {@code text} is given, the room's {@code message} with that text from this probe too.
     */
    private void await(String type, String ref, String text) throws IOException {
        boolean answered = false;
        boolean delivered = text == null;
        for (int skipped = 0; skipped <= MAX_SKIPPED; skipped++) {
            JsonNode m = JSON.readTree(readMessage());
            String t = m.path("type").asText();
            if (t.equals("error")) {
                throw new IOException("the chat answered an error: " + m);
            }
            if (t.equals(type) && (ref == null || ref.equals(m.path("ref").asText()))) {
                answered = true;
            } else if (!delivered && t.equals("message") && nick.equals(m.path("nick").asText())
                    && text.equals(m.path("text").asText())) {
                delivered = true;
            }
            if (answered && delivered) {
                return;
            }
        }
        throw new IOException("no " + type + " among " + MAX_SKIPPED + " messages");
    }

    /** The next whole text message from the server (fragments joined); pings answered, pongs skipped. */
    private String readMessage() throws IOException {
        DataInputStream data = new DataInputStream(in);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
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
            if (length > MAX_MESSAGE - message.size()) {
                throw new IOException("a message of over " + MAX_MESSAGE + " octets from the server");
            }
            byte[] payload = data.readNBytes((int) length);
            if (payload.length < length) {
                throw new IOException("the connection closed inside a frame");
            }
            int opcode = b0 & 0x0F;
            if (opcode == AbusePlan.OPCODE_CLOSE) {
                int code = payload.length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : 1005;
                throw new IOException("the server closed the probe's connection with " + code + " "
                        + new String(payload, Math.min(2, payload.length), Math.max(0, payload.length - 2), StandardCharsets.UTF_8));
            }
            if (opcode == AbusePlan.OPCODE_PING) {
                out.write(AbusePlan.frame(true, 0, AbusePlan.OPCODE_PONG, payload));
                out.flush();
            } else if (opcode == AbusePlan.OPCODE_TEXT || opcode == AbusePlan.OPCODE_CONTINUATION) {
                message.writeBytes(payload);
                if ((b0 & 0x80) != 0) {
                    return message.toString(StandardCharsets.UTF_8);
                }
            } else if (opcode != AbusePlan.OPCODE_PONG) {
                throw new IOException("an unexpected frame, opcode " + opcode);
            }
        }
    }
}
