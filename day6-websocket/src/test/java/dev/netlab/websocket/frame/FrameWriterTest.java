package dev.netlab.websocket.frame;

import static dev.netlab.websocket.Frames.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.Frames;
import dev.netlab.websocket.Opcode;
import dev.netlab.websocket.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Writing frames. Mistakes it catches: a length of 126..65,535 written in 7 or 64 bits, lengths
 * in little-endian, the mask bit set by a server or missing from a client, a fixed or reused key
 * instead of one per frame, the caller's array masked in place, RSV bits in the wrong place, a
 * header encoded at an offset that returns where it ends instead of its length.
 */
@Checkpoint(id = "6.05", title = "Writing frames",
        edit = "dev/netlab/websocket/frame/FrameWriter.java",
        hint = "the shortest length form: ≤125 in 7 bits, ≤65,535 after 126 in 16 bits, else after 127 in 64 bits; a client masks each frame with a fresh key",
        readme = "#frames")
class FrameWriterTest {
    private static byte[] server(Opcode op, byte[] payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FrameWriter(Role.SERVER, RandomGenerator.getDefault()).write(out, true, 0, op, payload, 0, payload.length);
        return out.toByteArray();
    }

    @Test
    @DisplayName("RFC 6455 §5.7: the server's 'Hello' is 81 05 48 65 6c 6c 6f; a Pong 'Hello' is 8a 05 ...")
    void rfc6455_5_7_unmasked() throws Exception {
        assertThat(server(Opcode.TEXT, Frames.utf8("Hello"))).isEqualTo(hex("810548656c6c6f"));
        assertThat(server(Opcode.PONG, Frames.utf8("Hello"))).isEqualTo(hex("8a0548656c6c6f"));
        assertThat(server(Opcode.CLOSE, new byte[0])).isEqualTo(hex("8800"));
    }

    @Test
    @DisplayName("RFC 6455 §5.7: a client's 'Hello' masked with 37 fa 21 3d; the caller's array is untouched")
    void rfc6455_5_7_masked() throws Exception {
        RandomGenerator fixed = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0x37fa213d37fa213dL;
            }

            @Override
            public int nextInt() {
                return 0x37fa213d;
            }
        };
        byte[] hello = Frames.utf8("Hello");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FrameWriter(Role.CLIENT, fixed).write(out, true, 0, Opcode.TEXT, hello, 0, 5);
        assertThat(out.toByteArray()).isEqualTo(hex("818537fa213d7f9f4d5158"));
        assertThat(hello).isEqualTo(Frames.utf8("Hello"));
    }

    @Test
    @DisplayName("§5.2: 125, 126, 65,535 and 65,536 octets use the 7-, 16-, 16- and 64-bit forms")
    void lengthForms() throws Exception {
        assertThat(Arrays.copyOf(server(Opcode.BINARY, new byte[125]), 2)).isEqualTo(hex("827d"));
        assertThat(Arrays.copyOf(server(Opcode.BINARY, new byte[126]), 4)).isEqualTo(hex("827e007e"));
        assertThat(Arrays.copyOf(server(Opcode.BINARY, new byte[65535]), 4)).isEqualTo(hex("827effff"));
        assertThat(Arrays.copyOf(server(Opcode.BINARY, new byte[65536]), 10)).isEqualTo(hex("827f0000000000010000"));
        byte[] h = new byte[FrameWriter.MAX_HEADER];
        assertThat(FrameWriter.encodeHeader(h, 0, false, FrameHeader.RSV1, Opcode.TEXT, 3_000_000_000L, true, 0x01020304)).isEqualTo(14);
        assertThat(h).isEqualTo(hex("41ff00000000b2d05e0001020304"));
        assertThat(FrameWriter.encodeHeader(h, 0, false, 0, Opcode.CONTINUATION, 0, false, 0)).isEqualTo(2);
        assertThat(Arrays.copyOf(h, 2)).isEqualTo(hex("0000"));
    }

    @Test
    @DisplayName("a client uses a new masking key for every frame (§5.3: unpredictable), and the frames read back")
    void freshKeys() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(Role.CLIENT, new java.security.SecureRandom());
        byte[] payload = new byte[70_000];
        Arrays.fill(payload, (byte) 'x');
        for (int i = 0; i < 4; i++) {
            writer.write(out, true, 0, Opcode.BINARY, payload, i, 1000 * i + 1);
        }
        byte[] wire = out.toByteArray();
        java.util.Set<Integer> keys = new java.util.HashSet<>();
        dev.netlab.websocket.WireInput in = new dev.netlab.websocket.WireInput(new ByteArrayInputStream(wire));
        FrameReader reader = new FrameReader(Role.SERVER, 1 << 20);
        for (int i = 0; i < 4; i++) {
            FrameHeader h = reader.readHeader(in);
            keys.add(h.maskKey());
            byte[] got = new byte[(int) h.length()];
            for (int n = 0; n < got.length; ) {
                n += reader.readPayload(in, h, n, got, n, got.length - n);
            }
            byte[] want = new byte[1000 * i + 1];
            Arrays.fill(want, (byte) 'x');
            assertThat(got).isEqualTo(want);
        }
        assertThat(keys).hasSize(4);
    }

    @Test
    @DisplayName("encodeHeader at an offset writes from there and returns the header's length (2 to 14), not where it ends")
    void headerAtAnOffset() {
        byte[] h = new byte[5 + FrameWriter.MAX_HEADER];
        assertThat(FrameWriter.encodeHeader(h, 5, true, 0, Opcode.BINARY, 126, true, 0x01020304)).isEqualTo(8);
        assertThat(Arrays.copyOfRange(h, 0, 13)).isEqualTo(hex("0000000000" + "82fe007e01020304"));
        assertThat(FrameWriter.encodeHeader(h, 3, true, 0, Opcode.PING, 0, false, 0)).isEqualTo(2);
    }
}
