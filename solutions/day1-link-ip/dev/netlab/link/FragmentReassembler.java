package dev.netlab.link;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * IPv4 reassembly, RFC 791 §3.2: fragments with the same source, destination, protocol
 * and identification are put back together at their offsets until the data from 0 to
 * the end fixed by the last fragment (MF = 0) is complete.
 *
 * <pre>
 *   offset 0          1480               2960        3200
 *   |--- fragment 1 ---|--- fragment 2 ---|-- last ---|      MF=1, MF=1, MF=0
 *   |<-------------- reassembled data (3200 octets) -------->|
 * </pre>
 *
 * Defensive, in the spirit of RFC 5722 (overlaps) and RFC 815: overlapping fragments must
 * carry identical octets, the end is fixed once, the buffer is bounded, and datagrams
 * time out. Time is passed in, so every decision is deterministic.
 */
public final class FragmentReassembler {
    private record Key(Inet4Address source, Inet4Address destination, int protocol, int identification) {
        static Key of(Ipv4Header h) {
            return new Key(h.source(), h.destination(), h.protocol(), h.identification());
        }
    }

    /**
     * One datagram being reassembled: the data that arrived, as non-overlapping runs sorted by
     * offset (adjacent or overlapping fragments are merged into one run). Memory follows the
     * octets received, never the offsets fragments claim: a fragment at offset 65,000 with 8
     * octets costs 8 octets, not a 65 KB array.
     */
    private static final class Pending {
        final Instant firstArrival;
        final Ipv4Header firstArrived;
        Ipv4Header offsetZero;
        final TreeMap<Integer, byte[]> runs = new TreeMap<>();
        int buffered;
        int end = -1; // known once the fragment with MF = 0 arrives
        /**
         * The furthest any fragment reached, with or without data: an empty fragment at offset
         * 16 stores nothing, yet says the datagram goes at least that far (a number, not memory).
         */
        int reached;

        Pending(Instant firstArrival, Ipv4Header firstArrived) {
            this.firstArrival = firstArrival;
            this.firstArrived = firstArrived;
        }

        int buffered() {
            return buffered;
        }

        /** The runs that overlap or touch {@code [start, end)}, in order. */
        List<Map.Entry<Integer, byte[]>> touching(int start, int end) {
            List<Map.Entry<Integer, byte[]>> out = new ArrayList<>();
            Map.Entry<Integer, byte[]> before = runs.floorEntry(start);
            if (before != null && before.getKey() + before.getValue().length >= start) {
                out.add(before);
            }
            for (Map.Entry<Integer, byte[]> e : runs.subMap(start, false, end, true).entrySet()) {
                out.add(e);
            }
            return out;
        }

        /** Octets of {@code [start, end)} already received. */
        int receivedWithin(int start, int end) {
            int n = 0;
            for (Map.Entry<Integer, byte[]> e : touching(start, end)) {
                n += Math.max(0, Math.min(end, e.getKey() + e.getValue().length) - Math.max(start, e.getKey()));
            }
            return n;
        }

        /** Merges {@code [start, end)} with the runs it overlaps or touches (their shared octets are equal). */
        void store(int start, byte[] payload) {
            int end = start + payload.length;
            if (payload.length == 0) {
                return;
            }
            List<Map.Entry<Integer, byte[]>> touching = touching(start, end);
            int from = start;
            int to = end;
            for (Map.Entry<Integer, byte[]> e : touching) {
                from = Math.min(from, e.getKey());
                to = Math.max(to, e.getKey() + e.getValue().length);
            }
            byte[] merged = new byte[to - from];
            for (Map.Entry<Integer, byte[]> e : touching) {
                System.arraycopy(e.getValue(), 0, merged, e.getKey() - from, e.getValue().length);
                runs.remove(e.getKey());
            }
            System.arraycopy(payload, 0, merged, start - from, payload.length);
            buffered += merged.length;
            for (Map.Entry<Integer, byte[]> e : touching) {
                buffered -= e.getValue().length;
            }
            runs.put(from, merged);
        }

        /** Whether one run covers {@code [0, end)}. */
        boolean complete() {
            byte[] first = runs.get(0);
            return end >= 0 && runs.size() == 1 && first != null && first.length == end;
        }
    }

    private final Duration timeout;
    private final int maxBufferedBytes;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();

    /**
     * @param timeout how long a datagram may wait for its missing fragments (RFC 791
     *        suggests a timer; Linux uses 30 s: net.ipv4.ipfrag_time)
     * @param maxBufferedBytes the most fragment data held across all datagrams
     */
    public FragmentReassembler(Duration timeout, int maxBufferedBytes) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxBufferedBytes <= 0) {
            throw new IllegalArgumentException("maxBufferedBytes must be positive: " + maxBufferedBytes);
        }
        this.timeout = timeout;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    /**
     * Takes one datagram. A non-fragment comes straight back; a fragment is buffered and
     * the whole datagram comes back once its last missing piece arrives.
     */
    public Optional<Ipv4Packet> accept(Ipv4Packet fragment, Instant now) throws PacketException {
        Ipv4Header header = fragment.header();
        if (!header.isFragment()) {
            return Optional.of(fragment);
        }
        byte[] payload = fragment.payload();
        int start = header.fragmentOffsetBytes();
        int end = start + payload.length;
        // RFC 791 §3.2: "the data portion of every fragment but the last must be a
        // multiple of 8 octets" (fragments are cut on 8-octet boundaries).
        if (header.moreFragments() && payload.length % Ipv4Header.FRAGMENT_UNIT != 0) {
            throw new PacketException(PacketError.BAD_LENGTH,
                    "a fragment with MF set carries " + payload.length + " octets, not a multiple of 8");
        }
        Key key = Key.of(header);
        if (Ipv4Header.MIN_HEADER_LENGTH + end > Ipv4Header.MAX_TOTAL_LENGTH) {
            pending.remove(key);
            throw new PacketException(PacketError.BAD_LENGTH, "fragment ends at octet " + end
                    + ": the datagram would exceed 65,535 octets");
        }
        if (payload.length > maxBufferedBytes) {
            throw new PacketException(PacketError.LIMIT_EXCEEDED, "a fragment of " + payload.length
                    + " octets cannot fit a buffer of " + maxBufferedBytes);
        }
        Pending datagram = pending.get(key);
        if (datagram == null) {
            datagram = new Pending(now, header);
        }
        checkConsistent(key, datagram, header, payload, start, end);
        int added = (end - start) - datagram.receivedWithin(start, end);
        makeRoom(key, datagram, added);
        pending.put(key, datagram);
        store(datagram, header, payload, start, end);
        return complete(key, datagram);
    }

    private void checkConsistent(Key key, Pending datagram, Ipv4Header header, byte[] payload,
                                 int start, int end) throws PacketException {
        if (!header.moreFragments()) {
            if (datagram.end >= 0 && datagram.end != end) {
                drop(key);
                throw new PacketException(PacketError.FRAGMENT_OVERLAP,
                        "two last fragments: one ends at " + datagram.end + ", another at " + end);
            }
            // Whichever comes first: a fragment that reached past this end (even an empty one,
            // which stores nothing) is refused here as it would be after the last fragment.
            if (datagram.reached > end) {
                drop(key);
                throw new PacketException(PacketError.FRAGMENT_OVERLAP, "the last fragment ends at "
                        + end + " but a fragment reached " + datagram.reached);
            }
        } else if (datagram.end >= 0 && end > datagram.end) {
            drop(key);
            throw new PacketException(PacketError.FRAGMENT_OVERLAP,
                    "fragment data up to " + end + " beyond the end " + datagram.end);
        }
        for (Map.Entry<Integer, byte[]> run : datagram.touching(start, end)) {
            int from = Math.max(start, run.getKey());
            int to = Math.min(end, run.getKey() + run.getValue().length);
            for (int i = from; i < to; i++) {
                if (run.getValue()[i - run.getKey()] != payload[i - start]) {
                    drop(key);
                    throw new PacketException(PacketError.FRAGMENT_OVERLAP,
                            "overlapping fragments disagree at data octet " + i);
                }
            }
        }
    }

    /** Evicts the oldest other incomplete datagrams until {@code added} more octets fit. */
    private void makeRoom(Key key, Pending datagram, int added) throws PacketException {
        while (bufferedBytes() + added > maxBufferedBytes) {
            Optional<Map.Entry<Key, Pending>> oldest = pending.entrySet().stream()
                    .filter(e -> !e.getKey().equals(key))
                    .min(Comparator.comparing(e -> e.getValue().firstArrival));
            if (oldest.isEmpty()) {
                drop(key);
                throw new PacketException(PacketError.LIMIT_EXCEEDED, "datagram needs "
                        + (datagram.buffered() + added) + " octets, the buffer holds " + maxBufferedBytes);
            }
            pending.remove(oldest.get().getKey());
        }
    }

    private static void store(Pending datagram, Ipv4Header header, byte[] payload, int start, int end) {
        datagram.store(start, payload);
        datagram.reached = Math.max(datagram.reached, end);
        if (!header.moreFragments()) {
            datagram.end = end;
        }
        if (start == 0 && datagram.offsetZero == null) {
            datagram.offsetZero = header;
        }
    }

    private Optional<Ipv4Packet> complete(Key key, Pending datagram) throws PacketException {
        if (!datagram.complete()) {
            return Optional.empty();
        }
        drop(key);
        Ipv4Header first = datagram.offsetZero;
        int totalLength = first.headerLength() + datagram.end;
        if (totalLength > Ipv4Header.MAX_TOTAL_LENGTH) {
            throw new PacketException(PacketError.BAD_LENGTH,
                    "reassembled datagram of " + totalLength + " octets exceeds 65,535");
        }
        // RFC 791 §3.2: the first fragment's header becomes the header of the datagram.
        Ipv4Header header = first.withFragment(false, 0, totalLength);
        return Optional.of(new Ipv4Packet(header, datagram.runs.get(0)));
    }

    private void drop(Key key) {
        pending.remove(key);
    }

    /**
     * Drops every datagram whose first fragment arrived {@code timeout} or longer before
     * {@code now}, oldest first, and returns for each the header of its offset-0 fragment
     * if that arrived (quote it in an ICMP Time Exceeded, code 1), else of its first
     * fragment to arrive (RFC 792: no Time Exceeded is sent then — check
     * {@code fragmentOffset() == 0}).
     */
    public List<Ipv4Header> expire(Instant now) {
        List<Pending> expired = new ArrayList<>();
        pending.values().removeIf(p -> {
            boolean old = !now.isBefore(p.firstArrival.plus(timeout));
            if (old) {
                expired.add(p);
            }
            return old;
        });
        expired.sort(Comparator.comparing(p -> p.firstArrival));
        List<Ipv4Header> headers = new ArrayList<>();
        for (Pending p : expired) {
            headers.add(Objects.requireNonNullElse(p.offsetZero, p.firstArrived));
        }
        return headers;
    }

    /** Fragment data octets held, over all datagrams (duplicates counted once). */
    public int bufferedBytes() {
        int total = 0;
        for (Pending p : pending.values()) {
            total += p.buffered();
        }
        return total;
    }

    /** Datagrams waiting for fragments. */
    public int pendingDatagrams() {
        return pending.size();
    }
}
