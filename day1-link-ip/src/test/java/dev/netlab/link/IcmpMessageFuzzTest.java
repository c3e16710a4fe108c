package dev.netlab.link;

import static dev.netlab.link.PacketFuzzing.disagree;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.namednumber.IcmpV4Code;
import org.pcap4j.packet.namednumber.IcmpV4Type;
import org.pcap4j.packet.namednumber.IpNumber;

/**
 * Coverage-guided fuzzing of the ICMP decoder (Jazzer; lab-kit/README.md#fuzzing). The input's
 * first octet steers the rest, the message: bit 0 writes a correct checksum into it. Only
 * {@link PacketException} may escape; the message must decode the same at another offset; an
 * error message's quoted header, when asked for, may only fail with a {@link PacketException}
 * too; and the verdicts must agree with pcap4j and RFC 792: a message we accept, pcap4j accepts
 * with the same type and code, and it is the record RFC 792 names (Echo/Echo Reply only with
 * code 0); a message of at least 8 octets whose checksum verifies (computed here) we accept.
 * Seeds: an echo request and a Time Exceeded quoting a UDP datagram, built with pcap4j, and the
 * kept inputs under {@code IcmpMessageFuzzTestInputs/decode/}. Fuzz it:
 * {@code ./lab fuzz day1-link-ip 10 IcmpMessageFuzzTest}.
 */
@Checkpoint(id = "1.07", title = "ICMP echo and error messages",
        edit = "dev/netlab/link/IcmpMessage.java",
        hint = "the ICMP checksum covers the whole message; errors quote the IP header plus 8 octets",
        readme = "#icmp")
class IcmpMessageFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("IcmpMessage.decode", PacketException.class);

    static Stream<Named<byte[]>> seeds() {
        IpV4Packet original = Pcap4jFrames.ipv4("10.0.0.1", "10.0.0.9", IpNumber.UDP,
                Pcap4jFrames.udp("10.0.0.1", "10.0.0.9", 40000, 33434, 24)).build();
        return Stream.of(
                Named.of("pcap4j echo request", steered(Pcap4jFrames.echo(false, 7, 1, 16).build().getRawData())),
                Named.of("pcap4j time exceeded", steered(Pcap4jFrames.error(IcmpV4Type.TIME_EXCEEDED,
                        IcmpV4Code.TIME_TO_LIVE_EXCEEDED, original).build().getRawData())));
    }

    private static byte[] steered(byte[] message) {
        byte[] input = new byte[message.length + 1];
        System.arraycopy(message, 0, input, 1, message.length);
        return input;
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        byte[] message = message(input);
        RULE.check(input, () -> {
            PacketFuzzing.Verdict<IcmpMessage> ours = PacketFuzzing.sameAtAnOffset("IcmpMessage.decode", IcmpMessage::decode, message);
            PacketFuzzing.Opinion<IcmpV4CommonPacket> theirs = PacketFuzzing.pcap4j(IcmpV4CommonPacket::newPacket, message);
            if (ours.accepted()) {
                IcmpMessage m = ours.value();
                if (theirs.refuses()) {
                    throw disagree("IcmpMessage.decode accepts a message pcap4j refuses", message, ours, theirs);
                }
                if (theirs.accepts() && (m.type() != (theirs.packet().getHeader().getType().value() & 0xFF)
                        || m.code() != (theirs.packet().getHeader().getCode().value() & 0xFF))) {
                    throw disagree("IcmpMessage.decode and pcap4j read a different type or code", message, ours, theirs);
                }
                checkKind(message, m);
                quoted(m);
            } else if (message.length >= 8 && PacketFuzzing.checksumVerifies(message, 0, message.length)) {
                throw disagree("IcmpMessage.decode refuses a message of 8+ octets whose checksum verifies", message, ours, theirs);
            }
        });
    }

    static byte[] message(byte[] input) {
        if (input.length == 0) {
            return input;
        }
        byte[] m = Arrays.copyOfRange(input, 1, input.length);
        if ((input[0] & 1) != 0 && m.length >= 4) {
            PacketFuzzing.fixChecksum(m, 0, m.length, 2);
        }
        return m;
    }

    /** RFC 792: Echo (8) and Echo Reply (0) with code 0; Destination Unreachable (3); Time Exceeded (11). */
    private static void checkKind(byte[] message, IcmpMessage m) {
        int type = message[0] & 0xFF;
        int code = message[1] & 0xFF;
        boolean right = switch (m) {
            case IcmpMessage.EchoRequest e -> type == 8 && code == 0;
            case IcmpMessage.EchoReply e -> type == 0 && code == 0;
            case IcmpMessage.DestinationUnreachable d -> type == 3;
            case IcmpMessage.TimeExceeded t -> type == 11;
            case IcmpMessage.Other o -> !(code == 0 && (type == 8 || type == 0)) && type != 3 && type != 11;
        };
        if (!right) {
            throw new AssertionError("IcmpMessage.decode made a " + m.getClass().getSimpleName() + " of type " + type
                    + " code " + code);
        }
    }

    /** The quoted header of an error: a PacketException when it is not one, never anything else. */
    private static void quoted(IcmpMessage m) throws PacketException {
        switch (m) {
            case IcmpMessage.DestinationUnreachable d -> d.quotedHeader();
            case IcmpMessage.TimeExceeded t -> t.quotedHeader();
            default -> { }
        }
    }
}
