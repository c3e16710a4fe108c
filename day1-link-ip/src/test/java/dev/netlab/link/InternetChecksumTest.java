package dev.netlab.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc1349Tos;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;

/**
 * Checkpoint 1.03: the Internet checksum (RFC 1071), against the checksums pcap4j computes.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19): one fold of the carries instead of folding until none is left; an odd last octet
 * added as the low byte instead of the high byte; little-endian words; sign extension of an
 * octet of 0x80 or more; the offset ignored; {@code verify} comparing the sum with 0 instead of
 * 0xffff; no complement.
 */
@Checkpoint(id = "1.03", title = "The Internet checksum",
        edit = "dev/netlab/link/InternetChecksum.java",
        hint = "sum 16-bit big-endian words in a long, fold the carries back in, then complement",
        readme = "#the-internet-checksum")
class InternetChecksumTest {
    /** RFC 1071 §3, "Numerical Examples": bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2. */
    private static final byte[] RFC1071_EXAMPLE = Hostile.hex("0001 f203 f4f5 f6f7");

    @Test
    @DisplayName("RFC 1071 §3: the example bytes sum to 0xddf2, so their checksum is 0x220d")
    void rfc1071_3_numericalExample() {
        assertThat(InternetChecksum.sum(RFC1071_EXAMPLE, 0, 8, 0)).isEqualTo(0xddf2);
        assertThat(InternetChecksum.checksum(RFC1071_EXAMPLE, 0, 8)).isEqualTo(0x220d);
    }

    @Test
    @DisplayName("the sum folds carries back in (end-around carry), like RFC 1071 §3's 2ddf0 -> ddf2")
    void endAroundCarry() {
        assertThat(InternetChecksum.sum(Hostile.hex("ffff ffff"), 0, 4, 0)).isEqualTo(0xffff);
        assertThat(InternetChecksum.sum(Hostile.hex("ffff 0001"), 0, 4, 0)).isEqualTo(0x0001);
        assertThat(InternetChecksum.sum(Hostile.hex("8000 8000"), 0, 4, 0x8000)).isEqualTo(0x8001);
    }

    @Test
    @DisplayName("a well-known IPv4 header (4500 0073 ... checksum b861) checks and recomputes")
    void knownIpv4Header() {
        byte[] header = Hostile.hex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7");
        assertThat(InternetChecksum.verify(header, 0, 20)).isTrue();
        header[10] = 0;
        header[11] = 0;
        assertThat(InternetChecksum.checksum(header, 0, 20)).isEqualTo(0xb861);
    }

    @Test
    @DisplayName("an odd length pads the last octet with a zero octet on the right (RFC 1071 §4.1)")
    void oddLength() {
        assertThat(InternetChecksum.sum(new byte[] {0x01}, 0, 1, 0)).isEqualTo(0x0100);
        assertThat(InternetChecksum.sum(Hostile.hex("0001 f203 f4f5 f6"), 0, 7, 0))
                .isEqualTo(InternetChecksum.sum(Hostile.hex("0001 f203 f4f5 f600"), 0, 8, 0));
        assertThat(InternetChecksum.checksum(Hostile.hex("ab"), 0, 1)).isEqualTo(0x54ff);
    }

    @Test
    @DisplayName("all zeros sum to 0 and have checksum 0xffff; an empty region sums to the initial value")
    void zeros() {
        assertThat(InternetChecksum.sum(new byte[20], 0, 20, 0)).isZero();
        assertThat(InternetChecksum.checksum(new byte[20], 0, 20)).isEqualTo(0xffff);
        assertThat(InternetChecksum.verify(new byte[20], 0, 20)).isFalse();
        assertThat(InternetChecksum.sum(new byte[0], 0, 0, 0x1234)).isEqualTo(0x1234);
    }

    @Test
    @DisplayName("offset and length select the region; bytes outside it do not count")
    void region() {
        byte[] padded = new byte[12];
        Arrays.fill(padded, (byte) 0x5a);
        System.arraycopy(RFC1071_EXAMPLE, 0, padded, 2, 8);
        assertThat(InternetChecksum.sum(padded, 2, 8, 0)).isEqualTo(0xddf2);
    }

    @ParameterizedTest(name = "split at {0}")
    @DisplayName("summing in two even pieces (pseudo-header style) gives the sum of the whole")
    @ValueSource(ints = {0, 2, 4, 6, 8})
    void incremental(int split) {
        int first = InternetChecksum.sum(RFC1071_EXAMPLE, 0, split, 0);
        assertThat(InternetChecksum.sum(RFC1071_EXAMPLE, split, 8 - split, first)).isEqualTo(0xddf2);
    }

    @ParameterizedTest(name = "TTL {0}")
    @DisplayName("headers built by pcap4j verify, and any single flipped bit is caught")
    @ValueSource(ints = {1, 64, 128, 255})
    void verifiesPcap4jHeaders(int ttl) {
        IpV4Packet packet = new IpV4Packet.Builder()
                .version(IpVersion.IPV4).tos(IpV4Rfc1349Tos.newInstance((byte) 0))
                .identification((short) (ttl * 257)).ttl((byte) ttl).protocol(IpNumber.UDP)
                .srcAddr(Hostile.ipv4("192.0.2.1")).dstAddr(Hostile.ipv4("198.51.100.7"))
                .payloadBuilder(new UnknownPacket.Builder().rawData(Hostile.counting(13)))
                .correctChecksumAtBuild(true).correctLengthAtBuild(true).build();
        byte[] raw = packet.getRawData();
        assertThat(InternetChecksum.verify(raw, 0, 20)).isTrue();
        int stored = (raw[10] & 0xff) << 8 | raw[11] & 0xff;
        raw[10] = 0;
        raw[11] = 0;
        assertThat(InternetChecksum.checksum(raw, 0, 20)).isEqualTo(stored)
                .isEqualTo(packet.getHeader().getHeaderChecksum() & 0xffff);
        raw[10] = (byte) (stored >>> 8);
        raw[11] = (byte) stored;
        for (int bit = 0; bit < 160; bit++) {
            raw[bit / 8] ^= (byte) (0x80 >>> bit % 8);
            assertThat(InternetChecksum.verify(raw, 0, 20)).as("bit %d flipped", bit).isFalse();
            raw[bit / 8] ^= (byte) (0x80 >>> bit % 8);
        }
    }

    @Test
    @DisplayName("agrees with the word-by-word definition for every length 0..80 at every offset 0..9, and on large random packets")
    void matchesTheDefinitionEverywhere() {
        java.util.Random random = new java.util.Random(1071);
        byte[] data = new byte[4096];
        random.nextBytes(data);
        for (int off = 0; off < 10; off++) {
            for (int len = 0; len <= 80; len++) {
                assertThat(InternetChecksum.checksum(data, off, len)).as("off %d len %d", off, len)
                        .isEqualTo(definition(data, off, len));
            }
        }
        for (int len : new int[] {1499, 1500, 4000}) {
            assertThat(InternetChecksum.checksum(data, 3, len)).isEqualTo(definition(data, 3, len));
        }
        byte[] ones = new byte[4096];
        java.util.Arrays.fill(ones, (byte) 0xFF); // the most carries there can be
        assertThat(InternetChecksum.checksum(ones, 0, ones.length)).isEqualTo(definition(ones, 0, ones.length));
    }

    /** RFC 1071 §1 read literally: 16-bit big-endian words, end-around carry after every add. */
    private static int definition(byte[] d, int off, int len) {
        int sum = 0;
        for (int i = 0; i < len; i += 2) {
            int word = (d[off + i] & 0xFF) << 8 | (i + 1 < len ? d[off + i + 1] & 0xFF : 0);
            sum += word;
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }
}
