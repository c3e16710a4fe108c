package dev.netlab.link;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc1349Tos;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import org.pcap4j.util.IpV4Helper;

/**
 * Coverage-guided fuzzing of fragment reassembly (Jazzer; lab-kit/README.md#fuzzing). The input
 * is a plan: up to 24 fragments of four datagrams (identification 0 to 3), each with an offset
 * (mostly small, sometimes anywhere up to 65,528), the MF flag, up to 48 data octets from a
 * pattern (so overlaps may agree or not), and a pause of 0 to 20 s before it, sometimes followed
 * by {@code expire}. The reassembler holds at most 256 octets and waits 30 s. Only
 * {@link PacketException} may escape; the octets held never pass the limit; a datagram that
 * comes back complete is not a fragment, its total length is header + data, and its data is
 * what pcap4j's {@link IpV4Helper#defragment} makes of the same fragments (when no eviction,
 * expiry or error touched that datagram on the way); and the heap the reassembler allocates
 * stays within 128 KiB + 64 octets per input octet: memory follows the data received, never
 * the offsets a fragment claims. Seeds: the kept inputs under
 * {@code FragmentReassemblerFuzzTestInputs/accept/}. Fuzz it: {@code ./lab fuzz day1-link-ip 10 FragmentReassemblerFuzzTest}.
 */
@Checkpoint(id = "1.08", title = "IPv4 fragment reassembly",
        edit = "dev/netlab/link/FragmentReassembler.java",
        hint = "key on (source, destination, protocol, id); place data at offset*8; done when 0..end has no hole",
        readme = "#fragment-reassembly")
class FragmentReassemblerFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("FragmentReassembler", PacketException.class)
            .allocationLimit(128 * 1024, 64);

    private static final Inet4Address SRC = Pcap4jFrames.v4("10.0.0.1");
    private static final Inet4Address DST = Pcap4jFrames.v4("10.0.0.2");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int MAX_BUFFERED = 256;

    /** One step of the plan. */
    record Step(int id, int offsetUnits, boolean more, byte[] data, int pauseSeconds, boolean expireAfter) {}

    /** What the reassembler did with one step. */
    record Outcome(Optional<Ipv4Packet> complete, PacketException error, int pendingBefore, int pendingAfter,
                   boolean expiredSomething) {}

    @FuzzTest(maxDuration = "10m")
    void accept(FuzzedDataProvider input) {
        int inputLength = input.remainingBytes();
        List<Step> plan = plan(input);
        List<List<Outcome>> runs = new ArrayList<>();
        RULE.check(inputLength, () -> runs.add(run(plan)));
        if (runs.isEmpty()) {
            return; // the rule found a stub or a finding; it has thrown already
        }
        sameAsPcap4j(plan, runs.getLast());
    }

    static List<Step> plan(FuzzedDataProvider in) {
        List<Step> steps = new ArrayList<>();
        int n = in.consumeInt(1, 24);
        for (int i = 0; i < n && in.remainingBytes() > 0; i++) {
            int id = in.consumeInt(0, 3);
            int offset = in.consumeBoolean() ? in.consumeInt(0, 16) : in.consumeInt(0, 8191);
            boolean more = in.consumeBoolean();
            int length = in.consumeInt(0, 48);
            if (more && in.consumeBoolean()) {
                length &= ~7; // mostly the multiple of 8 RFC 791 asks for
            }
            byte pattern = in.consumeByte();
            byte[] data = new byte[length];
            for (int k = 0; k < length; k++) {
                data[k] = (byte) (pattern + offset * 8 + k); // equal octets where equal patterns overlap
            }
            steps.add(new Step(id, offset, more, data, in.consumeInt(0, 20), in.consumeBoolean()));
        }
        return steps;
    }

    private static List<Outcome> run(List<Step> plan) {
        FragmentReassembler r = new FragmentReassembler(Duration.ofSeconds(30), MAX_BUFFERED);
        List<Outcome> outcomes = new ArrayList<>();
        Instant now = T0;
        for (Step s : plan) {
            now = now.plusSeconds(s.pauseSeconds());
            int before = r.pendingDatagrams();
            Optional<Ipv4Packet> complete = Optional.empty();
            PacketException error = null;
            try {
                complete = r.accept(ours(s), now);
            } catch (PacketException e) {
                error = e;
            }
            int after = r.pendingDatagrams();
            boolean expired = s.expireAfter() && !r.expire(now).isEmpty();
            if (r.bufferedBytes() > MAX_BUFFERED) {
                throw new AssertionError("FragmentReassembler holds " + r.bufferedBytes() + " octets, its limit is " + MAX_BUFFERED);
            }
            complete.ifPresent(p -> {
                Ipv4Header h = p.header();
                if (h.isFragment() || h.totalLength() != h.headerLength() + p.payload().length) {
                    throw new AssertionError("a reassembled datagram must not be a fragment and must count its data: "
                            + PacketFuzzing.describe(h) + " with " + p.payload().length + " octets");
                }
            });
            outcomes.add(new Outcome(complete, error, before, after, expired));
        }
        return outcomes;
    }

    private static Ipv4Packet ours(Step s) {
        Ipv4Header h = new Ipv4Header(5, 0, 0, 20 + s.data().length, s.id(), false, s.more(), s.offsetUnits(), 64,
                IpProtocol.UDP, 0, SRC, DST, new byte[0]);
        return new Ipv4Packet(h, s.data().clone());
    }

    private static IpV4Packet theirs(Step s) {
        return new IpV4Packet.Builder().version(IpVersion.IPV4).tos(IpV4Rfc1349Tos.newInstance((byte) 0))
                .identification((short) s.id()).moreFragmentFlag(s.more()).fragmentOffset((short) s.offsetUnits())
                .ttl((byte) 64).protocol(IpNumber.UDP).srcAddr(SRC).dstAddr(DST)
                .payloadBuilder(new UnknownPacket.Builder().rawData(s.data().clone()))
                .correctChecksumAtBuild(true).correctLengthAtBuild(true).build();
    }

    /**
     * Replays the plan's bookkeeping: the fragments each datagram received since it started; a
     * datagram an error, an eviction or an expiry may have touched is not compared.
     */
    private static void sameAsPcap4j(List<Step> plan, List<Outcome> outcomes) {
        Map<Integer, List<IpV4Packet>> received = new HashMap<>();
        Set<Integer> tainted = new HashSet<>();
        for (int i = 0; i < plan.size(); i++) {
            Step s = plan.get(i);
            Outcome o = outcomes.get(i);
            replay(s, o, received, tainted);
            // After every step, also one that failed or was no fragment: an expiry may have
            // dropped any datagram, so none of those waiting is compared any more. (Skipped
            // after an error, it left a datagram's expired fragments in the list: pcap4j got
            // one it no longer had, found by fuzzing, crash-96e915c1...)
            if (o.expiredSomething()) {
                tainted.addAll(received.keySet());
            }
        }
    }

    private static void replay(Step s, Outcome o, Map<Integer, List<IpV4Packet>> received, Set<Integer> tainted) {
        boolean newDatagram = !received.containsKey(s.id());
        if (o.error() != null) {
            tainted.add(s.id());
            return;
        }
        boolean isFragment = s.more() || s.offsetUnits() != 0;
        if (!isFragment) {
            return; // a whole datagram passes straight through
        }
        received.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(theirs(s));
        int expected = o.pendingBefore() + (newDatagram ? 1 : 0) - (o.complete().isPresent() ? 1 : 0);
        if (o.pendingAfter() < expected) {
            tainted.addAll(received.keySet()); // an eviction: some datagram lost its fragments
        }
        if (o.complete().isPresent()) {
            List<IpV4Packet> fragments = received.remove(s.id());
            boolean compare = !tainted.remove(s.id());
            if (compare) {
                compare(fragments, o.complete().get());
            }
        }
    }

    private static void compare(List<IpV4Packet> fragments, Ipv4Packet ours) {
        byte[] theirData;
        try {
            IpV4Packet whole = IpV4Helper.defragment(fragments);
            theirData = whole.getPayload() == null ? new byte[0] : whole.getPayload().getRawData();
        } catch (RuntimeException e) {
            return; // pcap4j has no opinion on these fragments
        }
        if (!Arrays.equals(ours.payload(), theirData)) {
            throw new AssertionError("FragmentReassembler and pcap4j's IpV4Helper.defragment reassemble "
                    + fragments.size() + " fragments differently\n  ours:   "
                    + java.util.HexFormat.of().formatHex(ours.payload()) + "\n  pcap4j: "
                    + java.util.HexFormat.of().formatHex(theirData));
        }
    }
}
