package dev.netlab.websocket.message;

import dev.netlab.websocket.Opcode;
import java.nio.charset.StandardCharsets;

/**
 * A complete data message (RFC 6455 §6.2): its type ({@link Opcode#TEXT} or
 * {@link Opcode#BINARY}) and its payload, reassembled from all its fragments and, with
 * permessage-deflate, decompressed. A text message's payload is valid UTF-8.
 */
public record Message(Opcode type, byte[] data) {
    public static Message text(String text) {
        return new Message(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Message binary(byte[] data) {
        return new Message(Opcode.BINARY, data);
    }

    /** The payload as text (only meaningful for a text message). */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    public boolean isText() {
        return type == Opcode.TEXT;
    }

    @Override
    public String toString() {
        return type + "(" + data.length + " octets" + (isText() && data.length <= 64 ? ": " + text() : "") + ")";
    }
}
