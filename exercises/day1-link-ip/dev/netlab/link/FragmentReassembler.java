package dev.netlab.link;

import dev.netlab.kit.StubException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * IPv4 reassembly, RFC 791 §3.2: fragments with the same source, destination, protocol
 * and identification are put back together at their offsets.
 *
 * <pre>
 *   offset 0          1480               2960        3200
 *   |--- fragment 1 ---|--- fragment 2 ---|-- last ---|      MF=1, MF=1, MF=0
 *   |<-------------- reassembled data (3200 octets) -------->|
 * </pre>
 *
 * <p>Your job: a datagram that is not a fragment comes straight back. Fragments are
 * buffered per key until the data from 0 to the end (fixed by the fragment with MF = 0)
 * is complete; the result has the first fragment's header with MF = 0, offset 0, the
 * right total length and a correct checksum. Fragments may arrive in any order, and
 * exact duplicates are harmless. Be defensive (RFC 5722 makes the same call for IPv6):
 * overlapping fragments with different octets, a second different end, or a fragment
 * reaching beyond the end, whichever arrives first (a fragment without data counts too: one
 * at offset 16 reaches 16, so a last fragment ending at 8 is refused after it as before it)
 * → FRAGMENT_OVERLAP and the datagram is dropped; a non-last fragment whose length is not a
 * multiple of 8 → BAD_LENGTH; data that would make the datagram exceed
 * 65,535 octets → BAD_LENGTH. Keep at most {@code maxBufferedBytes} of fragment data
 * (data already held, such as a duplicate's, is not counted again):
 * evict the oldest other datagrams first; a fragment that cannot fit even then →
 * LIMIT_EXCEEDED. Memory must follow the data that arrived, never the offsets fragments
 * claim: a fragment at offset 65,000 carrying 8 octets may not cost a 65 KB array, or a
 * few such fragments exhaust memory while {@code maxBufferedBytes} counts 8 octets each
 * (keep the runs of data received, sorted by offset; FragmentReassemblerFuzzTest checks
 * the heap each plan of fragments costs). Time is a parameter: {@code expire} drops datagrams whose first
 * fragment is {@code timeout} old or older, oldest first, and returns for each the header
 * of its offset-0 fragment if it arrived (to quote in ICMP Time Exceeded, code 1), else
 * of its first fragment.
 */
public final class FragmentReassembler {
    /** A reassembler that waits {@code timeout} for missing fragments and holds at most {@code maxBufferedBytes} of data. */
    public FragmentReassembler(Duration timeout, int maxBufferedBytes) {
        // keep what you need in fields
    }

    /** The reassembled datagram when {@code fragment} completes one (or is not a fragment), else empty. */
    public Optional<Ipv4Packet> accept(Ipv4Packet fragment, Instant now) throws PacketException {
        throw StubException.notImplemented("1.08", "IPv4 fragment reassembly", "day1-link-ip/README.md#fragment-reassembly");
    }

    /** Drops the datagrams that timed out at {@code now} and returns one header for each. */
    public List<Ipv4Header> expire(Instant now) {
        throw StubException.notImplemented("1.08", "IPv4 fragment reassembly", "day1-link-ip/README.md#fragment-reassembly");
    }

    /** Fragment data octets held, duplicates counted once. */
    public int bufferedBytes() {
        throw StubException.notImplemented("1.08", "IPv4 fragment reassembly", "day1-link-ip/README.md#fragment-reassembly");
    }

    /** Datagrams waiting for fragments. */
    public int pendingDatagrams() {
        throw StubException.notImplemented("1.08", "IPv4 fragment reassembly", "day1-link-ip/README.md#fragment-reassembly");
    }
}
