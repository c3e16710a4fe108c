package dev.netlab.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 7.25 (reassembly). Mistakes it catches: data handed out before the gap in front
 * of it is filled, an overlap counted twice, a retransmission of data already read treated as
 * new or as an error, the buffer limit measured from offset 0 instead of the read offset, a
 * later frame overwriting different earlier data silently, the window not shifted after a read
 * (or the octets waiting behind a gap forgotten by it: {@code readBehindAGap}; before that row
 * no test read while octets waited behind a gap, and both passed).
 */
@Checkpoint(id = "7.25", title = "Frames of an Initial, and the CRYPTO stream reassembled",
        edit = {"dev/netlab/quic/FrameParser.java", "dev/netlab/quic/CryptoReassembler.java"},
        hint = "type (i) then fields (i); Initial packets allow PADDING, PING, ACK, CRYPTO, CONNECTION_CLOSE 0x1c only; reassemble CRYPTO by offset",
        readme = "ADVANCED.md#frames-and-the-crypto-stream")
class CryptoReassemblerTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    @DisplayName("out of order: nothing is readable until the gap at the front is filled")
    void outOfOrder() throws QuicException {
        CryptoReassembler r = new CryptoReassembler(4096);
        r.accept(5, ascii("world"));
        assertThat(r.read()).isEmpty();
        assertThat(r.buffered()).isEqualTo(5);
        r.accept(0, ascii("hello"));
        assertThat(new String(r.read(), StandardCharsets.US_ASCII)).isEqualTo("helloworld");
        assertThat(r.readOffset()).isEqualTo(10);
        assertThat(r.read()).isEmpty();
    }

    @Test
    @DisplayName("duplicates and overlaps with the same octets are fine; data before the read offset is ignored")
    void overlaps() throws QuicException {
        CryptoReassembler r = new CryptoReassembler(4096);
        r.accept(0, ascii("abcdef"));
        r.accept(3, ascii("defghi"));
        r.accept(0, ascii("abc"));
        assertThat(new String(r.read(), StandardCharsets.US_ASCII)).isEqualTo("abcdefghi");
        r.accept(2, ascii("cdefghijk")); // partly read already
        assertThat(new String(r.read(), StandardCharsets.US_ASCII)).isEqualTo("jk");
        r.accept(0, ascii("zzz")); // entirely before the read offset: a retransmission, ignored
        assertThat(r.read()).isEmpty();
    }

    /** RFC 9000 §2.2: an endpoint "MAY treat receipt of different data at the same offset within a stream as a connection error of type PROTOCOL_VIOLATION". */
    @Test
    @DisplayName("different octets at an offset already received: PROTOCOL_VIOLATION")
    void conflicting() throws QuicException {
        CryptoReassembler r = new CryptoReassembler(4096);
        r.accept(10, ascii("abc"));
        assertThatThrownBy(() -> r.accept(11, ascii("bX"))).isInstanceOfSatisfying(QuicException.class,
                e -> assertThat(e.code()).isEqualTo(QuicError.PROTOCOL_VIOLATION));
    }

    /** RFC 9000 §7.5: an endpoint "MAY close the connection with a CRYPTO_BUFFER_EXCEEDED error code". */
    @Test
    @DisplayName("data more than the capacity past the read offset: CRYPTO_BUFFER_EXCEEDED; the limit moves with reading")
    void limit() throws QuicException {
        CryptoReassembler r = new CryptoReassembler(4096);
        r.accept(4095, ascii("x"));
        assertThatThrownBy(() -> r.accept(4096, ascii("y"))).isInstanceOfSatisfying(QuicException.class,
                e -> assertThat(e.code()).isEqualTo(QuicError.CRYPTO_BUFFER_EXCEEDED));
        byte[] front = new byte[4095];
        r.accept(0, front);
        assertThat(r.read()).hasSize(4096);
        r.accept(4096 + 4095, ascii("z")); // within capacity of the new read offset
        assertThat(r.buffered()).isEqualTo(1);
    }

    @Test
    @DisplayName("a read while octets wait behind a gap keeps them, in their place: they come out after the gap is filled")
    void readBehindAGap() throws QuicException {
        CryptoReassembler r = new CryptoReassembler(4096);
        r.accept(0, ascii("hello"));
        r.accept(10, ascii("there"));                      // 5..10 missing
        assertThat(new String(r.read(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(r.buffered()).as("'there' still waits").isEqualTo(5);
        r.accept(5, ascii("world"));
        assertThat(new String(r.read(), StandardCharsets.US_ASCII)).isEqualTo("worldthere");
        assertThat(r.readOffset()).isEqualTo(15);
    }

    @Test
    @DisplayName("any order of pieces of a 3000-octet message gives the message back")
    void shuffled() throws QuicException {
        byte[] message = new byte[3000];
        SplittableRandom random = new SplittableRandom(9001);
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) random.nextInt(256);
        }
        for (int round = 0; round < 50; round++) {
            CryptoReassembler r = new CryptoReassembler(4096);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int[][] pieces = new int[40][];
            for (int i = 0; i < pieces.length; i++) {
                int from = random.nextInt(message.length);
                pieces[i] = new int[] {from, Math.min(message.length, from + 1 + random.nextInt(200))};
            }
            for (int[] p : pieces) {
                r.accept(p[0], Arrays.copyOfRange(message, p[0], p[1]));
                out.writeBytes(r.read());
            }
            r.accept(0, message); // the rest, as a retransmission of everything
            out.writeBytes(r.read());
            assertThat(out.toByteArray()).isEqualTo(message);
        }
    }
}
