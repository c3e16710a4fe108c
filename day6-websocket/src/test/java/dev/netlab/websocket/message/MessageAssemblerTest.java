package dev.netlab.websocket.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.Frames;
import dev.netlab.websocket.Opcode;
import dev.netlab.websocket.WebSocketException;
import dev.netlab.websocket.frame.FrameHeader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reassembly. Mistakes it catches: a continuation accepted with nothing to continue, a new
 * TEXT accepted inside a fragmented message, fragments appended in the wrong place or the
 * buffer not reset between messages, the size limit checked per frame instead of per
 * message, UTF-8 checked per frame (a code point split across fragments rejected) or only at
 * the end (not fail-fast), binary data UTF-8-checked, RSV1 accepted without compression.
 */
@Checkpoint(id = "6.07", title = "Message assembly: fragments and interleaved control frames",
        edit = "dev/netlab/websocket/message/MessageAssembler.java",
        hint = "TEXT/BINARY starts a message, CONTINUATION continues it, FIN ends it; a control frame may come between fragments and never touches this state",
        readme = "#fragmentation")
class MessageAssemblerTest {
    private static FrameHeader h(boolean fin, Opcode op, long len) {
        return new FrameHeader(fin, 0, op, true, 0, len);
    }

    private static Message frame(MessageAssembler a, boolean fin, Opcode op, byte[] payload) throws WebSocketException {
        a.begin(h(fin, op, payload.length));
        a.append(payload, 0, payload.length);
        return a.end();
    }

    @Test
    @DisplayName("§5.4: an unfragmented text message, then a binary one, each complete at its FIN frame")
    void unfragmented() throws Exception {
        MessageAssembler a = new MessageAssembler(1000);
        Message m = frame(a, true, Opcode.TEXT, Frames.utf8("Hello"));
        assertThat(m.type()).isEqualTo(Opcode.TEXT);
        assertThat(m.text()).isEqualTo("Hello");
        assertThat(a.inMessage()).isFalse();
        Message b = frame(a, true, Opcode.BINARY, new byte[] {(byte) 0xff, 0});
        assertThat(b.type()).isEqualTo(Opcode.BINARY);
        assertThat(b.data()).containsExactly(0xff, 0);
        assertThat(frame(a, true, Opcode.TEXT, new byte[0]).data()).isEmpty();
    }

    @Test
    @DisplayName("§5.4: TEXT fin=0 'Hel', CONT fin=0 'lo, ', CONT fin=1 'world' is one message; control frames between fragments leave it alone")
    void fragmented() throws Exception {
        MessageAssembler a = new MessageAssembler(1000);
        assertThat(frame(a, false, Opcode.TEXT, Frames.utf8("Hel"))).isNull();
        assertThat(a.inMessage()).isTrue();
        // (a Ping here is the connection's business: the assembler never sees it)
        assertThat(frame(a, false, Opcode.CONTINUATION, Frames.utf8("lo, "))).isNull();
        assertThat(frame(a, false, Opcode.CONTINUATION, new byte[0])).isNull();
        Message m = frame(a, true, Opcode.CONTINUATION, Frames.utf8("world"));
        assertThat(m.text()).isEqualTo("Hello, world");
        assertThat(m.type()).isEqualTo(Opcode.TEXT);
        assertThat(frame(a, true, Opcode.TEXT, Frames.utf8("next")).text()).as("the next message starts clean").isEqualTo("next");
        assertThatThrownBy(() -> a.begin(h(true, Opcode.PING, 0))).as("control frames are not assembled").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a payload may arrive in many append() calls, split anywhere, even inside a code point")
    void appendInPieces() throws Exception {
        byte[] text = "κόσμε — ünïcödé 𝄞".repeat(20).getBytes(StandardCharsets.UTF_8);
        for (int piece = 1; piece < 9; piece++) {
            MessageAssembler a = new MessageAssembler(10_000);
            a.begin(h(true, Opcode.TEXT, text.length));
            for (int at = 0; at < text.length; at += piece) {
                a.append(text, at, Math.min(piece, text.length - at));
            }
            assertThat(a.end().data()).isEqualTo(text);
        }
    }

    @Test
    @DisplayName("§5.4: a continuation with nothing to continue, or a new message inside a fragmented one, is 1002")
    void sequenceErrors() throws Exception {
        assertThatThrownBy(() -> new MessageAssembler(100).begin(h(true, Opcode.CONTINUATION, 1)))
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.PROTOCOL_ERROR);
        MessageAssembler a = new MessageAssembler(100);
        frame(a, false, Opcode.TEXT, Frames.utf8("a"));
        assertThatThrownBy(() -> a.begin(h(true, Opcode.TEXT, 1)))
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.PROTOCOL_ERROR);
        MessageAssembler b = new MessageAssembler(100);
        frame(b, false, Opcode.BINARY, new byte[1]);
        assertThatThrownBy(() -> b.begin(h(false, Opcode.BINARY, 1)))
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.PROTOCOL_ERROR);
        MessageAssembler c = new MessageAssembler(100);
        assertThatThrownBy(() -> c.begin(new FrameHeader(true, FrameHeader.RSV1, Opcode.TEXT, true, 0, 1)))
                .as("RSV1 without permessage-deflate").isInstanceOf(WebSocketException.class)
                .extracting("code").isEqualTo(CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("the limit is per message, across fragments, and 1009 comes at the header that crosses it")
    void sizeLimit() throws Exception {
        MessageAssembler a = new MessageAssembler(10);
        assertThat(frame(a, true, Opcode.BINARY, new byte[10]).data()).hasSize(10);
        assertThatThrownBy(() -> a.begin(h(true, Opcode.BINARY, 11)))
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.MESSAGE_TOO_BIG);
        MessageAssembler b = new MessageAssembler(10);
        frame(b, false, Opcode.BINARY, new byte[6]);
        assertThatThrownBy(() -> b.begin(h(true, Opcode.CONTINUATION, 5)))
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.MESSAGE_TOO_BIG);
        MessageAssembler c = new MessageAssembler(1 << 20);
        assertThat(frame(c, true, Opcode.BINARY, new byte[1 << 20]).data()).hasSize(1 << 20);
    }

    @Test
    @DisplayName("§8.1: invalid UTF-8 fails at the fragment that holds the bad octet (1007), also split across fragments; binary is never checked")
    void utf8AcrossFragments() throws Exception {
        MessageAssembler a = new MessageAssembler(100);
        frame(a, false, Opcode.TEXT, Frames.hex("cebae1bd")); // κ and the first half of ό
        assertThat(frame(a, true, Opcode.CONTINUATION, Frames.hex("b9cf83cebcceb5")).data()).isEqualTo(Frames.hex("cebae1bdb9cf83cebcceb5"));
        MessageAssembler b = new MessageAssembler(100);
        frame(b, false, Opcode.TEXT, Frames.hex("cebae1bdb9cf83"));
        b.begin(h(false, Opcode.CONTINUATION, 4));
        assertThatThrownBy(() -> b.append(Frames.hex("ceeda080"), 0, 4)).as("fail fast, before the message ends")
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.INVALID_PAYLOAD);
        MessageAssembler c = new MessageAssembler(100);
        frame(c, false, Opcode.TEXT, Frames.utf8("ok"));
        c.begin(h(true, Opcode.CONTINUATION, 1));
        c.append(Frames.hex("e2"), 0, 1);
        assertThatThrownBy(c::end).as("ends inside a sequence").isInstanceOf(WebSocketException.class)
                .extracting("code").isEqualTo(CloseCode.INVALID_PAYLOAD);
        assertThat(frame(new MessageAssembler(100), true, Opcode.BINARY, Frames.hex("ffc0edfe")).data()).hasSize(4);
    }
}
