package dev.netlab.transport.frame;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 2.06: length-prefixed frames, decoded resumably from any split of the stream.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 11 mutants, 11 killed): the length read as a signed int; the limit off by one (a
 * frame of exactly the maximum refused); the limit checked only when the 4 length octets arrive
 * together; the decoder usable again after FRAME_TOO_LONG; the length field little-endian when
 * assembled octet by octet; {@code finish} silent about a half-read length field; one frame per
 * read (the rest of the read dropped); the encoder without a limit, or writing the length
 * little-endian. Two needed changes here: the length-octet count not reset after a frame (every
 * later call hands out an empty frame without consuming anything) was caught only by the heap
 * running out after 8 minutes, so the decode loops are now bounded and fail at once; an octet of
 * the length sign-extended on the octet-by-octet path was caught only by the random round trip,
 * and now every run by {@code highBitLengthOctets}.
 */
@Checkpoint(id = "2.06", title = "Length-prefixed framing (every split, limits before payload)",
        edit = {"dev/netlab/transport/frame/FrameDecoder.java", "dev/netlab/transport/frame/FrameEncoder.java"},
        hint = "a resumable decoder: collect 4 length octets, check the limit, then collect that many payload octets",
        readme = "#framing")
class FramingTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX = 1024;

    /** Three frames back to back: "hi", an empty one, "abc". */
    private static final byte[] THREE = HEX.parseHex(
            "00000002" + "6869"     // length 2, "hi"
            + "00000000"            // length 0: an empty frame is valid
            + "00000003" + "616263"); // length 3, "abc"

    private static List<String> decodeAll(FrameDecoder d, byte[]... pieces) throws FrameException {
        List<String> frames = new ArrayList<>();
        for (byte[] piece : pieces) {
            ByteBuffer in = ByteBuffer.wrap(piece);
            byte[] f;
            for (int guard = 0; (f = d.decode(in)) != null; guard++) {
                // bounded: a decoder that hands out frames without consuming octets fails here, not by OOM
                assertThat(guard).as("frames out of a %d-octet read", piece.length).isLessThanOrEqualTo(piece.length);
                frames.add(new String(f, US_ASCII));
            }
            assertThat(in.hasRemaining()).as("decode returns null only when it consumed everything").isFalse();
        }
        return frames;
    }

    @Test
    @DisplayName("encode: 4-octet big-endian length, then the payload")
    void encode() throws FrameException {
        FrameEncoder e = new FrameEncoder(MAX);
        assertThat(HEX.formatHex(e.encode("hi".getBytes(US_ASCII)))).isEqualTo("000000026869");
        assertThat(HEX.formatHex(e.encode(new byte[0]))).isEqualTo("00000000");
        assertThat(HEX.formatHex(e.encode(new byte[300])).substring(0, 8)).as("300 = 0x012c").isEqualTo("0000012c");
    }

    @Test
    @DisplayName("three frames in one read come out one per call, in order")
    void oneRead() throws FrameException {
        assertThat(decodeAll(new FrameDecoder(MAX), THREE)).containsExactly("hi", "", "abc");
    }

    @Test
    @DisplayName("every 2-way split of the input decodes to the same frames")
    void everyTwoWaySplit() throws FrameException {
        for (int cut = 0; cut <= THREE.length; cut++) {
            byte[] a = java.util.Arrays.copyOfRange(THREE, 0, cut);
            byte[] b = java.util.Arrays.copyOfRange(THREE, cut, THREE.length);
            assertThat(decodeAll(new FrameDecoder(MAX), a, b)).as("split at " + cut).containsExactly("hi", "", "abc");
        }
    }

    @Test
    @DisplayName("every 3-way split, and byte at a time, decode to the same frames")
    void everyThreeWaySplitAndByteAtATime() throws FrameException {
        for (int i = 0; i <= THREE.length; i++) {
            for (int j = i; j <= THREE.length; j++) {
                byte[] a = java.util.Arrays.copyOfRange(THREE, 0, i);
                byte[] b = java.util.Arrays.copyOfRange(THREE, i, j);
                byte[] c = java.util.Arrays.copyOfRange(THREE, j, THREE.length);
                assertThat(decodeAll(new FrameDecoder(MAX), a, b, c)).as("split at " + i + ", " + j)
                        .containsExactly("hi", "", "abc");
            }
        }
        FrameDecoder d = new FrameDecoder(MAX);
        byte[][] single = new byte[THREE.length][];
        for (int i = 0; i < THREE.length; i++) {
            single[i] = new byte[] {THREE[i]};
        }
        assertThat(decodeAll(d, single)).containsExactly("hi", "", "abc");
        assertThat(d.inFrame()).isFalse();
    }

    @Test
    @DisplayName("length octets of 0x80 and more are unsigned in every split too: 00 00 00 80 is 128, 00 00 03 ff is 1023")
    void highBitLengthOctets() throws FrameException {
        FrameEncoder e = new FrameEncoder(MAX);
        byte[] wire = java.util.Arrays.copyOf(e.encode(new byte[0x80]), 4 + 0x80 + 4 + 0x3ff);
        System.arraycopy(e.encode(new byte[0x3ff]), 0, wire, 4 + 0x80, 4 + 0x3ff);
        FrameDecoder d = new FrameDecoder(MAX);
        List<Integer> sizes = new ArrayList<>();
        for (byte b : wire) { // one octet at a time: the length is assembled octet by octet
            byte[] f = d.decode(ByteBuffer.wrap(new byte[] {b}));
            if (f != null) {
                sizes.add(f.length);
            }
        }
        assertThat(sizes).containsExactly(0x80, 0x3ff);
    }

    @Test
    @DisplayName("a frame exactly at the maximum is fine; a large one round-trips through the encoder")
    void atTheLimit() throws FrameException {
        byte[] big = new byte[MAX];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        byte[] wire = new FrameEncoder(MAX).encode(big);
        assertThat(new FrameDecoder(MAX).decode(ByteBuffer.wrap(wire))).isEqualTo(big);
    }

    @Test
    @DisplayName("a length over the maximum is rejected at its 4th octet, before any payload arrives")
    void tooLongBeforePayload() throws FrameException {
        FrameDecoder d = new FrameDecoder(MAX);
        assertThat(d.decode(ByteBuffer.wrap(HEX.parseHex("000004")))).as("3 of 4 length octets").isNull();
        // 00 00 04 01: 1025 octets, one over the maximum. No payload follows: the limit must not wait for it.
        assertThatThrownBy(() -> d.decode(ByteBuffer.wrap(HEX.parseHex("01"))))
                .isInstanceOf(FrameException.class)
                .extracting("code").isEqualTo(FrameError.FRAME_TOO_LONG);
        // The stream is out of sync: the decoder stays failed.
        assertThatThrownBy(() -> d.decode(ByteBuffer.wrap(HEX.parseHex("00000000"))))
                .isInstanceOf(FrameException.class)
                .extracting("code").isEqualTo(FrameError.FRAME_TOO_LONG);
    }

    @Test
    @DisplayName("the length is unsigned: ff ff ff ff is 4 GiB - 1 (too long), not -1")
    void unsignedLength() {
        FrameDecoder d = new FrameDecoder(Integer.MAX_VALUE);
        assertThatThrownBy(() -> d.decode(ByteBuffer.wrap(HEX.parseHex("ffffffff"))))
                .isInstanceOf(FrameException.class)
                .extracting("code").isEqualTo(FrameError.FRAME_TOO_LONG);
        FrameDecoder e = new FrameDecoder(Integer.MAX_VALUE);
        assertThatThrownBy(() -> e.decode(ByteBuffer.wrap(HEX.parseHex("80000000"))))
                .as("2^31 octets").isInstanceOf(FrameException.class)
                .extracting("code").isEqualTo(FrameError.FRAME_TOO_LONG);
    }

    @Test
    @DisplayName("the encoder refuses a payload over the maximum")
    void encoderLimit() {
        assertThatThrownBy(() -> new FrameEncoder(3).encode(new byte[4]))
                .isInstanceOf(FrameException.class)
                .extracting("code").isEqualTo(FrameError.FRAME_TOO_LONG);
    }

    @Test
    @DisplayName("end of stream mid-frame is TRUNCATED (in the length and in the payload); between frames it is fine")
    void truncated() throws FrameException {
        FrameDecoder clean = new FrameDecoder(MAX);
        decodeAll(clean, THREE);
        clean.finish(); // nothing pending: no error

        FrameDecoder inLength = new FrameDecoder(MAX);
        assertThat(inLength.decode(ByteBuffer.wrap(HEX.parseHex("0000")))).isNull();
        assertThat(inLength.inFrame()).isTrue();
        assertThatThrownBy(inLength::finish).isInstanceOf(FrameException.class)
                .extracting("code").isEqualTo(FrameError.TRUNCATED);

        FrameDecoder inPayload = new FrameDecoder(MAX);
        assertThat(inPayload.decode(ByteBuffer.wrap(HEX.parseHex("0000000568")))).as("1 of 5 payload octets").isNull();
        assertThatThrownBy(inPayload::finish).isInstanceOf(FrameException.class)
                .extracting("code").isEqualTo(FrameError.TRUNCATED);
    }

    @Test
    @DisplayName("10,000 random frames through random splits decode exactly (seed printed on failure)")
    void randomRoundTrip() throws FrameException {
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        FrameEncoder e = new FrameEncoder(MAX);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            byte[] p = new byte[random.nextInt(random.nextInt(10) == 0 ? MAX + 1 : 20)];
            random.nextBytes(p);
            sent.add(p);
            wire.writeBytes(e.encode(p));
        }
        byte[] all = wire.toByteArray();
        FrameDecoder d = new FrameDecoder(MAX);
        List<byte[]> got = new ArrayList<>();
        for (int off = 0; off < all.length; ) {
            int n = Math.min(all.length - off, 1 + random.nextInt(64));
            ByteBuffer in = ByteBuffer.wrap(all, off, n);
            byte[] f;
            while ((f = d.decode(in)) != null) {
                got.add(f);
                assertThat(got.size()).as("more frames than were sent, seed " + seed).isLessThanOrEqualTo(sent.size());
            }
            off += n;
        }
        assertThat(got).as("seed " + seed).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(got.get(i)).as("frame " + i + ", seed " + seed).isEqualTo(sent.get(i));
        }
    }
}
