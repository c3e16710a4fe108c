package dev.netlab.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.Frames;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Masking. Mistakes it catches: key octets in little-endian order, the key index taken from the
 * array offset instead of the payload position, a word loop that runs past the end or skips the
 * tail, a piece-wise unmask that restarts the key at every piece.
 */
@Checkpoint(id = "6.04", title = "Masking a word at a time",
        edit = "dev/netlab/websocket/frame/Masking.java",
        hint = "octet i is XORed with key octet (i MOD 4), i counted from the start of the payload; rotate the key to the position, repeat it into a long, XOR 8 octets at a time, then the tail",
        readme = "#masking")
class MaskingTest {
    @Test
    @DisplayName("RFC 6455 §5.7: 'Hello' masked with 37 fa 21 3d is 7f 9f 4d 51 58")
    void rfc6455_5_7() {
        byte[] hello = Frames.utf8("Hello");
        Masking.apply(hello, 0, 5, 0x37fa213d, 0);
        assertThat(hello).isEqualTo(Frames.hex("7f9f4d5158"));
        Masking.apply(hello, 0, 5, 0x37fa213d, 0);
        assertThat(hello).as("masking twice restores the text").isEqualTo(Frames.utf8("Hello"));
    }

    @Test
    @DisplayName("every offset, length 0..40 and payload position agrees with §5.3 octet by octet")
    void agreesWithTheDefinition() {
        Random random = new Random(6455);
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; length <= 40; length++) {
                for (int position = 0; position < 8; position++) {
                    int key = random.nextInt();
                    byte[] data = new byte[offset + length + 3];
                    random.nextBytes(data);
                    byte[] expected = data.clone();
                    for (int i = 0; i < length; i++) {
                        int j = (int) ((position + i) % 4);
                        expected[offset + i] ^= (byte) (key >>> (24 - 8 * j));
                    }
                    Masking.apply(data, offset, length, key, position);
                    assertThat(data).as("offset %d length %d position %d", offset, length, position).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    @DisplayName("unmasking a 1,000-octet payload in pieces of 1..17 octets equals unmasking it whole")
    void inPieces() {
        Random random = new Random(7);
        byte[] data = new byte[1000];
        random.nextBytes(data);
        byte[] whole = data.clone();
        Masking.apply(whole, 0, whole.length, 0xdeadbeef, 0);
        for (int piece = 1; piece <= 17; piece++) {
            byte[] copy = data.clone();
            for (int at = 0; at < copy.length; at += piece) {
                Masking.apply(copy, at, Math.min(piece, copy.length - at), 0xdeadbeef, at);
            }
            assertThat(copy).as("pieces of %d", piece).isEqualTo(whole);
        }
        long big = 1L << 40;
        byte[] a = data.clone();
        byte[] b = data.clone();
        Masking.apply(a, 0, 100, 0x01020304, big + 3);
        Masking.apply(b, 0, 100, 0x01020304, 3);
        assertThat(a).as("position counts modulo 4, even past 2^32").isEqualTo(b);
    }
}
