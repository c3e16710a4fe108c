package dev.netlab.link;

import static dev.netlab.link.Day1Network.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.capture.LiveCapture;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Live: lab -> router -> far, three namespaces; the router's kernel says "time exceeded". Checkpoint 1.12.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 12 mutants, 12 killed, 4 of them only since the unreachable / maxHops / "*" checks
 * were added to {@code tracesTwoHops}, at about 1 s): in {@code Tracer}, the first probe sent with
 * TTL 0; maxHops exclusive (TTL 1..maxHops-1); no stop at the echo reply; no stop at a destination
 * unreachable; any answer taken as the target's; a probe nobody answered left out of the trace, or
 * ending it; in {@code Pinger}, the frame sent to the target's MAC instead of the gateway's; the
 * probe's TTL ignored (always 64); the time-exceeded answer matched on the wrong octets of the
 * quoted echo (checksum instead of sequence number); the hop's address taken from the quoted
 * destination instead of the router's; the answer's TTL taken from the probe, not the reply (63
 * after one router).
 */
@Checkpoint(id = "1.12", title = "Traceroute across a router namespace",
        edit = {"dev/netlab/link/Tracer.java", "dev/netlab/link/Pinger.java"},
        hint = "TTL 1 dies at the router (time exceeded quoting your probe); TTL 2 reaches far (echo reply)",
        readme = "#traceroute")
class TracerTest {

    @Test
    @DisplayName("hop 1 is the router (time exceeded), hop 2 the far host (echo reply), then it stops; RFC 792: a router that"
            + " finds a network unreachable \"may send a destination unreachable message\", which ends the trace too;"
            + " maxHops counts the last TTL; an unanswered probe is a \"*\" hop")
    void tracesTwoHops() throws Exception {
        try (Day1Network net = Day1Network.routed();
             LiveCapture wire = net.lab().run(() -> LiveCapture.start("eth0", "icmp or arp"));
             PcapLink link = net.openLabLink("icmp or arp")) {
            Evidence.current().capture(wire);
            Evidence.current().reproduce("sudo ip netns exec " + net.lab().namespace() + " traceroute -I -n " + Day1Network.FAR_ADDRESS);
            Pinger pinger = new Pinger(link, new ArpResolver(link, Clock.systemUTC(), Duration.ofSeconds(60)), 0x7472);
            List<Tracer.Hop> hops = new Tracer(pinger).trace(ipv4(Day1Network.FAR_ADDRESS), 8, Duration.ofSeconds(2));
            assertThat(hops).as("hops").hasSize(2);
            assertThat(hops.get(0).ttl()).isEqualTo(1);
            assertThat(hops.get(0).from()).contains(ipv4(Day1Network.ROUTER_LAB_SIDE));
            assertThat(hops.get(0).reached()).isFalse();
            assertThat(hops.get(0).rtt()).isPresent();
            assertThat(hops.get(1).ttl()).isEqualTo(2);
            assertThat(hops.get(1).from()).contains(ipv4(Day1Network.FAR_ADDRESS));
            assertThat(hops.get(1).reached()).isTrue();

            Tracer tracer = new Tracer(pinger);
            // The router has no route to 10.91.3.0/24: it answers the TTL-1 probe with "net unreachable" (type 3, code 0).
            List<Tracer.Hop> unreachable = tracer.trace(ipv4("10.91.3.1"), 4, Duration.ofSeconds(2));
            assertThat(unreachable).as("hops towards a network the router cannot reach: it answers, and the trace stops").hasSize(1);
            assertThat(unreachable.get(0).from()).contains(ipv4(Day1Network.ROUTER_LAB_SIDE));
            assertThat(unreachable.get(0).reached()).isFalse();
            // maxHops 1: the one probe, TTL 1, dies at the router
            List<Tracer.Hop> one = tracer.trace(ipv4(Day1Network.FAR_ADDRESS), 1, Duration.ofSeconds(2));
            assertThat(one).as("hops with maxHops 1 (TTL 1..maxHops)").hasSize(1);
            assertThat(one.get(0).from()).contains(ipv4(Day1Network.ROUTER_LAB_SIDE));
            // Nobody has 10.91.1.99: no ARP answer, so no probe is answered; each TTL is still a line of the trace.
            List<Tracer.Hop> silent = tracer.trace(ipv4(Day1Network.NOBODY_ADDRESS), 2, Duration.ofMillis(300));
            assertThat(silent).as("hops when no probe is answered: one \"*\" per TTL up to maxHops").hasSize(2);
            assertThat(silent).extracting(Tracer.Hop::ttl).containsExactly(1, 2);
            assertThat(silent).allSatisfy(h -> {
                assertThat(h.from()).isEmpty();
                assertThat(h.rtt()).isEmpty();
                assertThat(h.reached()).isFalse();
            });
        }
    }

    @Test
    @DisplayName("a ping to the far host goes to the gateway's MAC and comes back with TTL 63 (one router on the way)")
    void pingThroughTheRouter() throws Exception {
        try (Day1Network net = Day1Network.routed(); PcapLink link = net.openLabLink("icmp or arp")) {
            Pinger pinger = new Pinger(link, new ArpResolver(link, Clock.systemUTC(), Duration.ofSeconds(60)), 0x7473);
            assertThat(pinger.ping(ipv4(Day1Network.FAR_ADDRESS), 1, 56, Duration.ofSeconds(2)))
                    .hasValueSatisfying(a -> assertThat(a.ttl()).isEqualTo(63));
        }
    }

    @Test
    @DisplayName("the traceroute program builds its own network, prints both hops and writes a capture tshark decodes")
    void program(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        dev.netlab.kit.Require.namespaces();
        java.nio.file.Path pcap = dir.resolve("trace.pcap");
        try (dev.netlab.kit.launch.ProgramProcess p = dev.netlab.kit.launch.ProgramProcess.start(
                "traceroute", "--capture", pcap.toString())) {
            assertThat(p.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("traceroute ends").isTrue();
            assertThat(p.process().exitValue()).as(String.join("\n", p.output())).isZero();
            assertThat(String.join("\n", p.output()))
                    .containsPattern(" 1  " + java.util.regex.Pattern.quote(Day1Network.ROUTER_LAB_SIDE) + "  [0-9.]+ ms")
                    .containsPattern(" 2  " + java.util.regex.Pattern.quote(Day1Network.FAR_ADDRESS) + "  [0-9.]+ ms");
        }
        var tshark = dev.netlab.kit.Peer.require("tshark")
                .run(Duration.ofSeconds(30), "-r", pcap.toString(), "-T", "fields", "-e", "icmp.type", "-e", "ip.ttl", "-Y", "icmp")
                .assertSuccess();
        // echo request TTL 1, time exceeded (11), echo request TTL 2, echo reply (0) — tshark prints the outer TTL first
        assertThat(tshark.lines()).extracting(l -> l.split("\t")[0].split(",")[0])
                .containsExactly("8", "11", "8", "0");
    }
}
