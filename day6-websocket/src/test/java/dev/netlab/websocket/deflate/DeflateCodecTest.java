package dev.netlab.websocket.deflate;

import static dev.netlab.websocket.Frames.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.Frames;
import dev.netlab.websocket.Opcode;
import dev.netlab.websocket.WebSocketException;
import dev.netlab.websocket.frame.FrameHeader;
import dev.netlab.websocket.message.MessageAssembler;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The codec. Mistakes it catches: a zlib header (Deflater without nowrap), the 00 00 ff ff
 * tail left on or not appended before inflating, a compressor or decompressor reset between
 * messages with context takeover (or not reset without it), a BFINAL block that leaves the
 * inflater finished for the next message, the inflated size checked only at the end (a bomb
 * eats the memory first), bad DEFLATE data escaping as a DataFormatException, RSV1 accepted on a continuation frame;
 * a message inflating to exactly the limit refused; in the assembler, the compressed octets not
 * bounded (or bounded one off) and the message not finished by the inflater (the 00 00 ff ff
 * tail never fed: the next message of the shared context fails).
 */
@Checkpoint(id = "6.12", title = "permessage-deflate: compressing and inflating messages",
        edit = {"dev/netlab/websocket/deflate/MessageDeflater.java", "dev/netlab/websocket/deflate/MessageInflater.java"},
        hint = "raw DEFLATE (nowrap), SYNC_FLUSH, drop the last 4 octets 00 00 ff ff; the inflater appends them at the end of each message; reset only with no_context_takeover",
        readme = "#permessage-deflate")
class DeflateCodecTest {
    private static byte[] inflate(MessageInflater inflater, byte[]... pieces) throws WebSocketException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : pieces) {
            inflater.inflate(p, 0, p.length, out::write);
        }
        inflater.finish(out::write);
        return out.toByteArray();
    }

    @Test
    @DisplayName("RFC 7692 §6.1: the compressed bit belongs on a message's first frame only: RSV1 on a continuation fails the connection (1002)")
    void rsv1OnFirstFrameOnly() throws Exception {
        MessageAssembler a = new MessageAssembler(1000);
        a.useInflater(new MessageInflater(false, 1000));
        byte[] hello = hex("f248cdc9c90700");
        a.begin(new FrameHeader(false, FrameHeader.RSV1, Opcode.TEXT, true, 0, 3));
        a.append(hello, 0, 3);
        assertThatThrownBy(() -> a.begin(new FrameHeader(true, FrameHeader.RSV1, Opcode.CONTINUATION, true, 0, 4)))
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.PROTOCOL_ERROR);
        MessageAssembler b = new MessageAssembler(1000);
        b.useInflater(new MessageInflater(false, 1000));
        b.begin(new FrameHeader(false, FrameHeader.RSV1, Opcode.TEXT, true, 0, 3));
        b.append(hello, 0, 3);
        b.begin(new FrameHeader(true, 0, Opcode.CONTINUATION, true, 0, 4));
        b.append(hello, 3, 4);
        assertThat(b.end().data()).isEqualTo(Frames.utf8("Hello"));
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1: 'Hello' compresses to f2 48 cd c9 c9 07 00 and inflates back")
    void rfc7692_7_2_3_1() throws Exception {
        byte[] compressed = new MessageDeflater(false).compress(Frames.utf8("Hello"), 0, 5);
        assertThat(compressed).isEqualTo(hex("f248cdc9c90700"));
        assertThat(inflate(new MessageInflater(false, 1000), hex("f248cdc9c90700"))).isEqualTo(Frames.utf8("Hello"));
        assertThat(inflate(new MessageInflater(false, 1000), hex("f248"), hex("cdc9"), hex("c90700")))
                .as("fragments inflate in order").isEqualTo(Frames.utf8("Hello"));
    }

    @Test
    @DisplayName("§7.2.3.2: with context takeover the second 'Hello' is f2 00 11 00 00, a back-reference into the first message")
    void rfc7692_7_2_3_2() throws Exception {
        MessageInflater shared = new MessageInflater(false, 1000);
        assertThat(inflate(shared, hex("f248cdc9c90700"))).isEqualTo(Frames.utf8("Hello"));
        assertThat(inflate(shared, hex("f200110000"))).isEqualTo(Frames.utf8("Hello"));
        MessageDeflater deflater = new MessageDeflater(false);
        byte[] first = deflater.compress(Frames.utf8("Hello"), 0, 5);
        byte[] second = deflater.compress(Frames.utf8("Hello"), 0, 5);
        assertThat(second.length).as("the window is kept").isLessThan(first.length);
        MessageInflater fresh = new MessageInflater(true, 1000);
        assertThat(inflate(fresh, hex("f248cdc9c90700"))).isEqualTo(Frames.utf8("Hello"));
        assertThatThrownBy(() -> inflate(fresh, hex("f200110000"))).as("no_context_takeover: the window is gone")
                .isInstanceOf(WebSocketException.class);
    }

    @Test
    @DisplayName("§7.2.3.3-7.2.3.6: no compression (a stored block), BFINAL set, two blocks, and the empty message 00")
    void rfc7692_otherExamples() throws Exception {
        MessageInflater in = new MessageInflater(false, 1000);
        assertThat(inflate(in, hex("f348cdc9c90700"))).as("BFINAL=1").isEqualTo(Frames.utf8("Hello"));
        assertThat(inflate(in, hex("f248cdc9c90700"))).as("and the next message still works").isEqualTo(Frames.utf8("Hello"));
        assertThat(inflate(new MessageInflater(false, 1000), hex("000500faff48656c6c6f00"))).as("a stored block").isEqualTo(Frames.utf8("Hello"));
        assertThat(inflate(new MessageInflater(false, 1000), hex("f24805000000ffffcac9c90700"))).as("two blocks").isEqualTo(Frames.utf8("Hello"));
        assertThat(inflate(new MessageInflater(false, 1000), hex("00"))).isEmpty();
        byte[] empty = new MessageDeflater(false).compress(new byte[0], 0, 0);
        assertThat(inflate(new MessageInflater(false, 1000), empty)).isEmpty();
    }

    @Test
    @DisplayName("no_context_takeover on the sender: every message compresses alone, so equal messages compress equally")
    void noContextTakeover() throws Exception {
        MessageDeflater d = new MessageDeflater(true);
        byte[] text = "the same message, again and again".repeat(3).getBytes();
        byte[] a = d.compress(text, 0, text.length);
        byte[] b = d.compress(text, 0, text.length);
        assertThat(b).isEqualTo(a);
        MessageInflater fresh = new MessageInflater(true, 10_000);
        assertThat(inflate(fresh, a)).isEqualTo(text);
        assertThat(inflate(fresh, b)).isEqualTo(text);
    }

    @Test
    @DisplayName("random messages survive both modes, in order, whatever the pieces")
    void roundTrips() throws Exception {
        Random random = new Random(7692);
        for (boolean noTakeover : new boolean[] {false, true}) {
            MessageDeflater d = new MessageDeflater(noTakeover);
            MessageInflater in = new MessageInflater(noTakeover, 1 << 20);
            for (int i = 0; i < 50; i++) {
                byte[] m = new byte[random.nextInt(5000)];
                for (int k = 0; k < m.length; k++) {
                    m[k] = (byte) ('a' + random.nextInt(i % 5 + 1)); // compressible
                }
                byte[] c = d.compress(m, 0, m.length);
                int cut = c.length / 2;
                assertThat(inflate(in, java.util.Arrays.copyOf(c, cut), java.util.Arrays.copyOfRange(c, cut, c.length)))
                        .as("message %d", i).isEqualTo(m);
            }
        }
    }

    @Test
    @DisplayName("a decompression bomb (8 MiB of zeros in ~8 KB) fails with 1009 after at most the limit of output")
    void bomb() {
        Deflater zip = new Deflater(9, true);
        zip.setInput(new byte[8 << 20]);
        byte[] buf = new byte[1 << 20];
        int n = zip.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        byte[] bomb = java.util.Arrays.copyOf(buf, n - 4);
        assertThat(bomb.length).isLessThan(16_384);
        long[] seen = {0};
        MessageInflater in = new MessageInflater(false, 1 << 20);
        assertThatThrownBy(() -> {
            in.inflate(bomb, 0, bomb.length, (b, o, l) -> seen[0] += l);
            in.finish((b, o, l) -> seen[0] += l);
        }).isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.MESSAGE_TOO_BIG);
        assertThat(seen[0]).as("octets handed on before the limit stopped it").isLessThanOrEqualTo(1 << 20);
    }

    @Test
    @DisplayName("data that is not DEFLATE fails the message with a WebSocketException, never a DataFormatException")
    void invalid() {
        assertThatThrownBy(() -> inflate(new MessageInflater(false, 1000), hex("ffffffff")))
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.INVALID_PAYLOAD);
    }

    @Test
    @DisplayName("a message that inflates to exactly the limit is accepted: 'Hello' with a limit of 5")
    void inflatesToTheLimit() throws Exception {
        assertThat(inflate(new MessageInflater(false, 5), hex("f248cdc9c90700"))).isEqualTo(Frames.utf8("Hello"));
        assertThatThrownBy(() -> inflate(new MessageInflater(false, 4), hex("f248cdc9c90700")))
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.MESSAGE_TOO_BIG);
    }

    @Test
    @DisplayName("in the assembler: compressed octets count against the limit from the header (7 octets: accepted at 7, 1009 at 6); RFC 7692 §7.2.3.2's two messages share the context")
    void assemblerWithInflater() throws Exception {
        byte[] hello = hex("f248cdc9c90700");
        MessageAssembler exact = new MessageAssembler(7);
        exact.useInflater(new MessageInflater(false, 7));
        exact.begin(new FrameHeader(true, FrameHeader.RSV1, Opcode.TEXT, true, 0, 7));
        exact.append(hello, 0, 7);
        assertThat(exact.end().data()).isEqualTo(Frames.utf8("Hello"));
        MessageAssembler small = new MessageAssembler(6);
        small.useInflater(new MessageInflater(false, 6));
        assertThatThrownBy(() -> small.begin(new FrameHeader(true, FrameHeader.RSV1, Opcode.TEXT, true, 0, 7)))
                .as("7 compressed octets announced, limit 6: refused before the payload")
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.MESSAGE_TOO_BIG);
        MessageAssembler shared = new MessageAssembler(1000);
        shared.useInflater(new MessageInflater(false, 1000));
        for (byte[] compressed : new byte[][] {hello, hex("f200110000")}) { // the second refers back to the first
            shared.begin(new FrameHeader(true, FrameHeader.RSV1, Opcode.TEXT, true, 0, compressed.length));
            shared.append(compressed, 0, compressed.length);
            assertThat(shared.end().data()).isEqualTo(Frames.utf8("Hello"));
        }
    }
}
