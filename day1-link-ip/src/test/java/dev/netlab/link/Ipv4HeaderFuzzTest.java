package dev.netlab.link;

import static dev.netlab.link.PacketFuzzing.disagree;
import static dev.netlab.link.PacketFuzzing.u16;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Packet.IpV4Header;
import org.pcap4j.packet.namednumber.IpNumber;

/**
 * Coverage-guided fuzzing of the IPv4 decoder, {@link Ipv4Packet#decode} and through it
 * {@link Ipv4Header#decode} (Jazzer; lab-kit/README.md#fuzzing). The input's first octet steers
 * the rest, the datagram: bit 0 writes a correct header checksum into it and bit 1 a total
 * length equal to its size, so the fuzzer gets past both checks as often as it wants to. Only
 * {@link PacketException} may escape; the datagram must decode the same at another offset; and
 * the verdicts must agree with pcap4j and RFC 791: a datagram we accept, pcap4j accepts with the
 * same header fields (options are compared when pcap4j can parse them); a datagram whose header
 * is valid by RFC 791 (version 4, IHL ≥ 5 and within the octets, header ≤ total length ≤ octets,
 * checksum verifying, as computed here) we accept, whatever pcap4j says. Seeds: datagrams built
 * with pcap4j and the kept inputs under {@code Ipv4HeaderFuzzTestInputs/decode/}.
 * Fuzz it: {@code ./lab fuzz day1-link-ip 10 Ipv4HeaderFuzzTest}.
 */
@Checkpoint(id = "1.04", title = "IPv4 header: decode, validate, encode",
        edit = {"dev/netlab/link/Ipv4Header.java", "dev/netlab/link/Ipv4Packet.java"},
        hint = "IHL counts 32-bit words; validate in the documented order; the checksum covers the header only",
        readme = "#ipv4")
class Ipv4HeaderFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("Ipv4Packet.decode", PacketException.class);

    static Stream<Named<byte[]>> seeds() {
        byte[] udp = Pcap4jFrames.ipv4("192.168.0.1", "192.168.0.199", IpNumber.UDP,
                Pcap4jFrames.udp("192.168.0.1", "192.168.0.199", 5000, 53, 20)).build().getRawData();
        byte[] icmp = Pcap4jFrames.ipv4("10.0.0.1", "10.0.0.2", IpNumber.ICMPV4,
                Pcap4jFrames.echo(false, 7, 1, 8)).build().getRawData();
        return Stream.of(Named.of("pcap4j UDP datagram", steered(0, udp)), Named.of("pcap4j ICMP echo", steered(3, icmp)));
    }

    private static byte[] steered(int steer, byte[] datagram) {
        byte[] input = new byte[datagram.length + 1];
        input[0] = (byte) steer;
        System.arraycopy(datagram, 0, input, 1, datagram.length);
        return input;
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        byte[] datagram = datagram(input);
        RULE.check(input, () -> {
            PacketFuzzing.Verdict<Ipv4Packet> ours = PacketFuzzing.sameAtAnOffset("Ipv4Packet.decode", Ipv4Packet::decode, datagram);
            PacketFuzzing.Opinion<IpV4Packet> theirs = PacketFuzzing.pcap4j(IpV4Packet::newPacket, datagram);
            boolean withOptions = datagram.length > 0 && (datagram[0] & 0x0F) > 5;
            if (ours.accepted()) {
                if (theirs.refuses() && !withOptions) {
                    throw disagree("Ipv4Packet.decode accepts a datagram pcap4j refuses", datagram, ours, theirs);
                }
                if (theirs.accepts()) {
                    sameFields(datagram, ours.value(), theirs.packet().getHeader());
                }
            } else if (validByRfc791(datagram)) {
                throw disagree("Ipv4Packet.decode refuses a datagram whose header is valid by RFC 791", datagram, ours, theirs);
            }
        });
    }

    /** The datagram the input describes: its octets after the first, fixed up as the first octet asks. */
    static byte[] datagram(byte[] input) {
        if (input.length == 0) {
            return input;
        }
        byte[] d = Arrays.copyOfRange(input, 1, input.length);
        int steer = input[0];
        if ((steer & 2) != 0 && d.length >= 4 && d.length <= 0xFFFF) {
            d[2] = (byte) (d.length >>> 8);
            d[3] = (byte) d.length;
        }
        int headerLength = d.length > 0 ? (d[0] & 0x0F) * 4 : 0;
        if ((steer & 1) != 0 && headerLength >= 20 && headerLength <= d.length) {
            PacketFuzzing.fixChecksum(d, 0, headerLength, 10);
        }
        return d;
    }

    static boolean validByRfc791(byte[] d) {
        if (d.length < 20 || (d[0] & 0xFF) >>> 4 != 4) {
            return false;
        }
        int headerLength = (d[0] & 0x0F) * 4;
        int total = u16(d, 2);
        return headerLength >= 20 && headerLength <= d.length && total >= headerLength && total <= d.length
                && PacketFuzzing.checksumVerifies(d, 0, headerLength);
    }

    private static void sameFields(byte[] datagram, Ipv4Packet ours, IpV4Header h) {
        Ipv4Header o = ours.header();
        boolean same = o.ihl() == (h.getIhl() & 0xFF)
                && (o.dscp() << 2 | o.ecn()) == (h.getTos().value() & 0xFF)
                && o.totalLength() == h.getTotalLengthAsInt()
                && o.identification() == h.getIdentificationAsInt()
                && o.dontFragment() == h.getDontFragmentFlag()
                && o.moreFragments() == h.getMoreFragmentFlag()
                && o.fragmentOffset() == (h.getFragmentOffset() & 0x1FFF)
                && o.ttl() == h.getTtlAsInt()
                && o.protocol() == (h.getProtocol().value() & 0xFF)
                && o.headerChecksum() == (h.getHeaderChecksum() & 0xFFFF)
                && o.source().equals(h.getSrcAddr())
                && o.destination().equals(h.getDstAddr());
        if (!same) {
            throw disagree("Ipv4Packet.decode and pcap4j read different header fields", datagram, PacketFuzzing.describe(o), h);
        }
    }
}
