package dev.netlab.kit.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Peer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @Test
    @DisplayName("the global header and a record header follow the classic pcap format byte for byte")
    void headerAndRecordBytes() throws IOException {
        Path file = dir.resolve("nested/one.pcap");
        byte[] frame = HEX.parseHex("0102030405");
        Instant time = Instant.ofEpochSecond(0x6500_0000L, 123_456_789);

        PcapWriter.write(file, PcapWriter.LINKTYPE_ETHERNET, List.of(new CapturedPacket(time, frame, 60)));

        byte[] bytes = Files.readAllBytes(file);
        assertThat(HEX.formatHex(Arrays.copyOfRange(bytes, 0, 24))).isEqualTo(
                "a1b2c3d4" // magic: microsecond timestamps, big-endian
                + "0002" + "0004" // version 2.4
                + "00000000" // thiszone
                + "00000000" // sigfigs
                + "00040000" // snaplen 262144
                + "00000001"); // LINKTYPE_ETHERNET
        assertThat(HEX.formatHex(Arrays.copyOfRange(bytes, 24, 40))).isEqualTo(
                "65000000" // seconds
                + "0001e240" // 123456 microseconds (nanoseconds truncated)
                + "00000005" // incl_len
                + "0000003c"); // orig_len 60
        assertThat(HEX.formatHex(Arrays.copyOfRange(bytes, 40, bytes.length))).isEqualTo("0102030405");
    }

    @Test
    @DisplayName("the two-argument constructor takes the original length from the data")
    void convenienceConstructor() {
        CapturedPacket p = new CapturedPacket(Instant.EPOCH, new byte[7]);
        assertThat(p.originalLength()).isEqualTo(7);
        assertThat(p.length()).isEqualTo(7);
    }

    @Test
    @DisplayName("tshark reads the file back with each frame's length")
    void tsharkReadsItBack() throws IOException {
        Peer tshark = Peer.require("tshark");
        Path file = dir.resolve("raw.pcap");
        // two minimal IPv4 packets (20-byte header, protocol 253 "experimental") on LINKTYPE_RAW
        byte[] a = HEX.parseHex("45000014000100004000fd00" + "7f000001" + "7f000001");
        byte[] b = Arrays.copyOf(HEX.parseHex("4500001c000200004000fd00" + "7f000001" + "7f000001"), 28);
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        PcapWriter.write(file, PcapWriter.LINKTYPE_RAW,
                List.of(new CapturedPacket(t0, a), new CapturedPacket(t0.plusMillis(1), b)));

        var result = tshark.run(Duration.ofSeconds(60), "-r", file.toString(), "-T", "fields",
                "-e", "frame.len", "-e", "frame.time_epoch").assertSuccess();

        assertThat(result.lines()).containsExactly("20\t1735689600.000000000", "28\t1735689600.001000000");
    }
}
