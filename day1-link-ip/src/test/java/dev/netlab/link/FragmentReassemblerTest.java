package dev.netlab.link;

import static dev.netlab.link.Hostile.assertError;
import static dev.netlab.link.Hostile.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc1349Tos;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import org.pcap4j.util.IpV4Helper;

/**
 * Checkpoint 1.08: IPv4 fragment reassembly (RFC 791 §3.2), defensive as RFC 5722 asks.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 12 mutants, 12 killed): a non-last fragment not a multiple of 8 accepted; a fragment
 * exactly the buffer's size refused; overlapping data not compared; the newest datagram evicted
 * instead of the oldest; a datagram still pending at its timeout; "complete" as soon as the last
 * fragment is in, holes and all; the reassembled total length without the header. Five more
 * survived the first run and are killed by rows added for them: the key without the protocol or
 * without the source ({@code keyedBySourceDestinationProtocol}); 65,536 octets accepted (the
 * exact boundary, in {@code tooLong}); a duplicate counted again against the buffer's limit (in
 * {@code duplicatesAndIdenticalOverlap}); {@code expire} quoting the first fragment to arrive
 * instead of the one at offset 0 (in {@code expires}).
 */
@Checkpoint(id = "1.08", title = "IPv4 fragment reassembly",
        edit = "dev/netlab/link/FragmentReassembler.java",
        hint = "key on (source, destination, protocol, id); place data at offset*8; done when 0..end has no hole",
        readme = "#fragment-reassembly")
class FragmentReassemblerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A 3000-octet UDP datagram cut by pcap4j for a 1500-octet MTU: 1480 + 1480 + 40. */
    private static List<Ipv4Packet> pcap4jFragments(IpV4Packet original) throws PacketException {
        List<Ipv4Packet> fragments = new ArrayList<>();
        for (IpV4Packet fragment : IpV4Helper.fragment(original, 1500)) {
            byte[] raw = fragment.getRawData();
            fragments.add(Ipv4Packet.decode(raw, 0, raw.length));
        }
        return fragments;
    }

    private static IpV4Packet original(int identification, int dataLength) {
        return new IpV4Packet.Builder()
                .version(IpVersion.IPV4).tos(IpV4Rfc1349Tos.newInstance((byte) 0))
                .identification((short) identification).ttl((byte) 64).protocol(IpNumber.UDP)
                .srcAddr(ipv4("192.0.2.1")).dstAddr(ipv4("198.51.100.7"))
                .payloadBuilder(new UnknownPacket.Builder().rawData(Hostile.counting(dataLength)))
                .correctChecksumAtBuild(true).correctLengthAtBuild(true).build();
    }

    /** A hand-made fragment of datagram {@code id}: {@code data} at {@code offset} 8-octet units. */
    private static Ipv4Packet fragment(int id, int offset, boolean more, byte[] data) {
        Ipv4Header header = Ipv4Header.of(ipv4("10.0.0.1"), ipv4("10.0.0.2"), IpProtocol.UDP, 64, id, data.length)
                .withFragment(more, offset, 20 + data.length);
        return new Ipv4Packet(header, data);
    }

    private static byte[] slice(byte[] data, int from, int to) {
        return Arrays.copyOfRange(data, from, to);
    }

    @ParameterizedTest(name = "order {0}")
    @DisplayName("pcap4j's fragments reassemble to the original datagram in any order")
    @CsvSource({"012", "021", "102", "120", "201", "210"})
    void anyOrder(String order) throws Exception {
        IpV4Packet original = original(0x4242, 3000);
        List<Ipv4Packet> fragments = pcap4jFragments(original);
        assertThat(fragments).hasSize(3);
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 100_000);
        Optional<Ipv4Packet> result = Optional.empty();
        for (char c : order.toCharArray()) {
            assertThat(result).isEmpty();
            result = reassembler.accept(fragments.get(c - '0'), T0);
        }
        Ipv4Packet whole = result.orElseThrow();
        assertThat(whole.header().moreFragments()).isFalse();
        assertThat(whole.header().fragmentOffset()).isZero();
        assertThat(whole.header().totalLength()).isEqualTo(3020);
        assertThat(whole.payload()).isEqualTo(Hostile.counting(3000));
        byte[] raw = whole.encode();
        assertThat(raw).isEqualTo(original.getRawData());
        assertThat(IpV4Packet.newPacket(raw, 0, raw.length).getHeader().hasValidChecksum(false)).isTrue();
        assertThat(Ipv4Header.decode(raw, 0, raw.length).headerChecksum()).isEqualTo(whole.header().headerChecksum());
        assertThat(reassembler.pendingDatagrams()).isZero();
        assertThat(reassembler.bufferedBytes()).isZero();
    }

    @Test
    @DisplayName("a datagram that is not a fragment passes straight through")
    void nonFragmentPassesThrough() throws Exception {
        Ipv4Packet packet = Ipv4Packet.of(ipv4("10.0.0.1"), ipv4("10.0.0.2"), IpProtocol.UDP, 64, 1, Hostile.counting(10));
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 100);
        assertThat(reassembler.accept(packet, T0)).containsSame(packet);
        assertThat(reassembler.pendingDatagrams()).isZero();
    }

    @Test
    @DisplayName("exact duplicates and identical overlaps are harmless and counted once")
    void duplicatesAndIdenticalOverlap() throws Exception {
        byte[] data = Hostile.counting(40);
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 1000);
        assertThat(reassembler.accept(fragment(7, 0, true, slice(data, 0, 16)), T0)).isEmpty();
        assertThat(reassembler.accept(fragment(7, 0, true, slice(data, 0, 16)), T0)).isEmpty();
        assertThat(reassembler.accept(fragment(7, 1, true, slice(data, 8, 24)), T0)).isEmpty(); // overlaps 8..16
        assertThat(reassembler.bufferedBytes()).isEqualTo(24);
        assertThat(reassembler.pendingDatagrams()).isEqualTo(1);
        Ipv4Packet whole = reassembler.accept(fragment(7, 3, false, slice(data, 24, 40)), T0).orElseThrow();
        assertThat(whole.payload()).isEqualTo(data);
        // a duplicate adds nothing, so it never pushes a full buffer over its limit
        FragmentReassembler full = new FragmentReassembler(TIMEOUT, 16);
        assertThat(full.accept(fragment(7, 0, true, slice(data, 0, 16)), T0)).isEmpty();
        assertThat(full.accept(fragment(7, 0, true, slice(data, 0, 16)), T0)).isEmpty();
        assertThat(full.bufferedBytes()).isEqualTo(16);
    }

    @Test
    @DisplayName("fragments of different datagrams (another id or source) are kept apart")
    void keyedByIdentification() throws Exception {
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 1000);
        reassembler.accept(fragment(1, 0, true, Hostile.counting(8)), T0);
        reassembler.accept(fragment(2, 1, false, Hostile.counting(8)), T0);
        assertThat(reassembler.pendingDatagrams()).isEqualTo(2);
    }

    // RFC 791 §3.2: fragments belong together when they have "the same value for the source,
    // destination, protocol, and identifier fields".
    @Test
    @DisplayName("the same identification from another source, to another destination or of another protocol is another datagram")
    void keyedBySourceDestinationProtocol() throws Exception {
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 1000);
        byte[] data = Hostile.counting(8);
        String[][] keys = {{"10.0.0.1", "10.0.0.2"}, {"10.0.0.3", "10.0.0.2"}, {"10.0.0.1", "10.0.0.4"}};
        for (String[] key : keys) {
            Ipv4Header header = Ipv4Header.of(ipv4(key[0]), ipv4(key[1]), IpProtocol.UDP, 64, 1, 8)
                    .withFragment(true, 0, 28);
            assertThat(reassembler.accept(new Ipv4Packet(header, data), T0)).isEmpty();
        }
        Ipv4Header tcp = Ipv4Header.of(ipv4("10.0.0.1"), ipv4("10.0.0.2"), IpProtocol.TCP, 64, 1, 8)
                .withFragment(true, 0, 28);
        assertThat(reassembler.accept(new Ipv4Packet(tcp, data), T0)).isEmpty();
        assertThat(reassembler.pendingDatagrams()).isEqualTo(4);
        assertThat(reassembler.bufferedBytes()).isEqualTo(32);
    }

    // RFC 5722 §4 (the same rule for IPv6): "if any of the fragments being reassembled overlap
    // with any other fragments ... the entire datagram ... MUST be silently discarded."
    @Test
    @DisplayName("an overlap carrying different octets is refused and the datagram dropped")
    void conflictingOverlap() throws Exception {
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 1000);
        reassembler.accept(fragment(9, 0, true, new byte[16]), T0);
        byte[] evil = new byte[16];
        evil[0] = 1; // octet 8 of the datagram: 0 in the first fragment, 1 here (!)
        assertError(PacketError.FRAGMENT_OVERLAP, () -> reassembler.accept(fragment(9, 1, true, evil), T0));
        assertThat(reassembler.pendingDatagrams()).isZero();
        assertThat(reassembler.bufferedBytes()).isZero();
    }

    @Test
    @DisplayName("two last fragments with different ends are refused")
    void twoDifferentEnds() throws Exception {
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 1000);
        reassembler.accept(fragment(3, 2, false, new byte[8]), T0);          // ends at 24
        assertError(PacketError.FRAGMENT_OVERLAP,
                () -> reassembler.accept(fragment(3, 3, false, new byte[8]), T0)); // ends at 32 (!)
        assertThat(reassembler.pendingDatagrams()).isZero();
    }

    @Test
    @DisplayName("data beyond the end fixed by the last fragment is refused, whichever comes first")
    void dataBeyondEnd() throws Exception {
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 1000);
        reassembler.accept(fragment(4, 1, false, new byte[8]), T0);                 // ends at 16
        assertError(PacketError.FRAGMENT_OVERLAP,
                () -> reassembler.accept(fragment(4, 2, true, new byte[8]), T0));   // 16..24 (!)
        assertThat(reassembler.pendingDatagrams()).as("the datagram is dropped").isZero();
        FragmentReassembler other = new FragmentReassembler(TIMEOUT, 1000);
        other.accept(fragment(5, 3, true, new byte[8]), T0);                        // 24..32
        assertError(PacketError.FRAGMENT_OVERLAP,
                () -> other.accept(fragment(5, 1, false, new byte[8]), T0));        // ends at 16 (!)
        assertThat(other.pendingDatagrams()).as("the datagram is dropped").isZero();
    }

    // Found by fuzzing (FragmentReassemblerFuzzTestInputs/accept/crash-fc15de47...): a fragment
    // without data stores nothing, yet its offset says how far the datagram goes.
    @Test
    @DisplayName("a fragment without data reaches its offset: a last fragment ending before it is refused, whichever comes first")
    void emptyFragmentBeyondEnd() throws Exception {
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 1000);
        reassembler.accept(fragment(8, 0, true, Hostile.counting(8)), T0);            // 0..8
        reassembler.accept(fragment(8, 2, true, new byte[0]), T0);                    // at 16, no data
        assertError(PacketError.FRAGMENT_OVERLAP,
                () -> reassembler.accept(fragment(8, 1, false, new byte[0]), T0));    // ends at 8 (!)
        assertThat(reassembler.pendingDatagrams()).as("the datagram is dropped").isZero();
        FragmentReassembler other = new FragmentReassembler(TIMEOUT, 1000);
        other.accept(fragment(9, 1, false, new byte[0]), T0);                         // ends at 8
        assertError(PacketError.FRAGMENT_OVERLAP,
                () -> other.accept(fragment(9, 2, true, new byte[0]), T0));           // at 16, no data (!)
        assertThat(other.pendingDatagrams()).as("the datagram is dropped").isZero();
    }

    @Test
    @DisplayName("at the edges nothing is refused: data ending exactly at the end, either order")
    void endingExactlyAtTheEnd() throws Exception {
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 1000);
        reassembler.accept(fragment(6, 0, true, Hostile.counting(16)), T0);                 // 0..16
        assertThat(reassembler.accept(fragment(6, 1, false, slice(Hostile.counting(16), 8, 16)), T0))
                .as("a last fragment ending where the data so far ends")
                .hasValueSatisfying(p -> assertThat(p.payload()).isEqualTo(Hostile.counting(16)));
        reassembler.accept(fragment(7, 1, false, slice(Hostile.counting(16), 8, 16)), T0);  // ends at 16
        assertThat(reassembler.accept(fragment(7, 0, true, Hostile.counting(16)), T0))     // 0..16: up to the end, not past it
                .hasValueSatisfying(p -> assertThat(p.payload()).isEqualTo(Hostile.counting(16)));
        assertThat(reassembler.pendingDatagrams()).isZero();
    }

    // RFC 791 §3.2: fragments are cut on 8-octet boundaries, so every fragment but the last
    // carries a multiple of 8 octets.
    @Test
    @DisplayName("a fragment with MF set whose length is not a multiple of 8 is a bad length")
    void notMultipleOfEight() {
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 1000);
        assertError(PacketError.BAD_LENGTH, () -> reassembler.accept(fragment(6, 0, true, new byte[12]), T0));
    }

    @Test
    @DisplayName("a fragment that would make the datagram exceed 65,535 octets is a bad length (ping of death)")
    void tooLong() {
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 100_000);
        // offset 8189 * 8 = 65512; 65512 + 40 octets of data + 20 of header = 65572 > 65535 (!)
        assertError(PacketError.BAD_LENGTH, () -> reassembler.accept(fragment(8, 8189, false, new byte[40]), T0));
        // the boundary: 65512 + 4 octets of data + 20 of header = 65536, one octet too many
        assertError(PacketError.BAD_LENGTH, () -> reassembler.accept(fragment(9, 8189, false, new byte[4]), T0));
    }

    @Test
    @DisplayName("the largest legal datagram, 65,535 octets, reassembles; a fragment exactly the buffer's size fits")
    void largestDatagram() throws Exception {
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 65_515);
        byte[] data = Hostile.counting(65_515); // + 20 octets of header = 65,535
        assertThat(reassembler.accept(fragment(8, 8189, false, slice(data, 65_512, 65_515)), T0)).isEmpty();
        Ipv4Packet whole = reassembler.accept(fragment(8, 0, true, slice(data, 0, 65_512)), T0).orElseThrow();
        assertThat(whole.header().totalLength()).isEqualTo(65_535);
        assertThat(whole.payload()).isEqualTo(data);
        FragmentReassembler small = new FragmentReassembler(TIMEOUT, 1000);
        assertThat(small.accept(fragment(9, 0, true, new byte[1000]), T0)).isEmpty();
        assertThat(small.bufferedBytes()).isEqualTo(1000);
    }

    @Test
    @DisplayName("expire returns the expired datagrams oldest first")
    void expiresOldestFirst() throws Exception {
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 10_000);
        int[] arrivalSeconds = {4, 0, 3, 1, 2}; // ids 20..24 arrive in this order of seconds
        for (int i = 0; i < arrivalSeconds.length; i++) {
            reassembler.accept(fragment(20 + i, 0, true, new byte[8]), T0.plusSeconds(arrivalSeconds[i]));
        }
        assertThat(reassembler.expire(T0.plusSeconds(60))).extracting(Ipv4Header::identification)
                .containsExactly(21, 23, 24, 22, 20);
    }

    @Test
    @DisplayName("when the buffer is full the oldest incomplete datagram is evicted")
    void evictsOldest() throws Exception {
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 2000);
        reassembler.accept(fragment(1, 0, true, new byte[800]), T0);
        reassembler.accept(fragment(2, 0, true, new byte[800]), T0.plusSeconds(1));
        assertThat(reassembler.bufferedBytes()).isEqualTo(1600);
        reassembler.accept(fragment(3, 0, true, new byte[800]), T0.plusSeconds(2)); // 2400 > 2000: evict id 1
        assertThat(reassembler.pendingDatagrams()).isEqualTo(2);
        assertThat(reassembler.bufferedBytes()).isEqualTo(1600);
        // id 1's first 800 octets are gone: its last fragment completes nothing
        assertThat(reassembler.accept(fragment(1, 100, false, new byte[8]), T0.plusSeconds(3))).isEmpty();
        // id 2 was kept: its last fragment completes it
        assertThat(reassembler.accept(fragment(2, 100, false, new byte[8]), T0.plusSeconds(3)))
                .hasValueSatisfying(p -> assertThat(p.payload()).hasSize(808));
    }

    @Test
    @DisplayName("a fragment larger than the whole buffer is refused with limit exceeded")
    void fragmentTooBig() {
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 1000);
        assertError(PacketError.LIMIT_EXCEEDED, () -> reassembler.accept(fragment(1, 0, true, new byte[1008]), T0));
        assertThat(reassembler.pendingDatagrams()).isZero();
    }

    @Test
    @DisplayName("expire drops datagrams at the timeout and returns the offset-0 header to quote")
    void expires() throws Exception {
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 10_000);
        Ipv4Packet first = fragment(11, 0, true, new byte[16]);
        reassembler.accept(fragment(11, 2, true, new byte[16]), T0); // arrives before offset 0
        reassembler.accept(first, T0);
        reassembler.accept(fragment(12, 5, true, new byte[16]), T0.plusSeconds(10)); // no offset 0 for id 12
        assertThat(reassembler.expire(T0.plusSeconds(29))).isEmpty();
        assertThat(reassembler.expire(T0.plusSeconds(30))).containsExactly(first.header());
        assertThat(reassembler.pendingDatagrams()).isEqualTo(1);
        List<Ipv4Header> late = reassembler.expire(T0.plusSeconds(60));
        assertThat(late).singleElement().satisfies(h -> {
            assertThat(h.identification()).isEqualTo(12);
            assertThat(h.fragmentOffset()).isEqualTo(5); // no offset 0: RFC 792 sends no Time Exceeded
        });
        assertThat(reassembler.pendingDatagrams()).isZero();
        assertThat(reassembler.bufferedBytes()).isZero();
    }

    @Test
    @DisplayName("the reassembled datagram can be quoted in an ICMP time exceeded, code 1")
    void expiredHeaderCanBeQuoted() throws Exception {
        IpV4Packet original = original(0x77, 3000);
        List<Ipv4Packet> fragments = pcap4jFragments(original);
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 10_000);
        reassembler.accept(fragments.get(0), T0);
        Ipv4Header header = reassembler.expire(T0.plus(TIMEOUT)).getFirst();
        byte[] datagram = fragments.get(0).encode();
        IcmpMessage.TimeExceeded icmp = IcmpMessage.timeExceeded(IcmpMessage.FRAGMENT_REASSEMBLY_TIME_EXCEEDED, datagram);
        assertThat(icmp.quotedHeader().identification()).isEqualTo(header.identification()).isEqualTo(0x77);
    }

    @Test
    @DisplayName("pcap4j's fragments for a 576-octet MTU, last first, give back the original octets")
    void smallMtuReversed() throws Exception {
        IpV4Packet original = original(0x99, 4000);
        List<IpV4Packet> theirs = IpV4Helper.fragment(original, 576);
        FragmentReassembler reassembler = new FragmentReassembler(TIMEOUT, 100_000);
        Optional<Ipv4Packet> ours = Optional.empty();
        for (IpV4Packet fragment : theirs.reversed()) {
            byte[] raw = fragment.getRawData();
            ours = reassembler.accept(Ipv4Packet.decode(raw, 0, raw.length), T0);
        }
        assertThat(theirs).hasSize(8); // 7 * 552 + 136 octets of data
        // (pcap4j's own IpV4Helper.defragment is no oracle here: it writes a wrong total length)
        assertThat(ours.orElseThrow().encode()).isEqualTo(original.getRawData());
    }
}
