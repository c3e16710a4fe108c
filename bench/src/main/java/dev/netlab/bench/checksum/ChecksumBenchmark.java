package dev.netlab.bench.checksum;

import dev.netlab.link.InternetChecksum;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pcap4j.util.ByteArrays;

/**
 * The Internet checksum (RFC 1071) over the same bytes: the lab's reference
 * {@link InternetChecksum#checksum(byte[], int, int)} against pcap4j 1.8.2's
 * {@link ByteArrays#calcChecksum(byte[])}, which pcap4j's {@code IpV4Packet} builder uses for
 * the header checksum. Both return the one's complement of the one's complement sum.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChecksumBenchmark {

    /** An IPv4 header without options (RFC 791) and a full Ethernet-MTU packet. */
    @Param({"20", "1500"})
    public int size;

    private byte[] data;

    @Setup
    public void fill() {
        data = input(size);
    }

    /** The bytes both implementations checksum: {@code size} pseudo-random bytes, the same every run. */
    static byte[] input(int size) {
        byte[] bytes = new byte[size];
        new Random(1071).nextBytes(bytes);
        return bytes;
    }

    @Benchmark
    public int candidate() {
        return InternetChecksum.checksum(data, 0, data.length);
    }

    @Benchmark
    public short baseline() {
        return ByteArrays.calcChecksum(data);
    }
}
