package dev.netlab.link;

import dev.netlab.kit.fuzz.FuzzRule;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;
import java.util.StringJoiner;
import org.pcap4j.packet.IllegalRawDataException;

/**
 * What day 1's fuzz targets share: the independent arithmetic they use to make fuzzed headers
 * pass a checksum now and then, a way to write a decoded record out for comparing, and the
 * check that the same octets decode the same at another offset of a larger buffer (a decoder
 * that forgets {@code off} reads the wrong octets).
 */
final class PacketFuzzing {
    private PacketFuzzing() {}

    /** A decode of {@code len} octets at {@code off}. */
    @FunctionalInterface
    interface Decode<T> {
        T decode(byte[] buf, int off, int len) throws PacketException;
    }

    /** What a decode gave: the value or the typed error. */
    record Verdict<T>(T value, PacketException error) {
        boolean accepted() {
            return error == null;
        }

        @Override
        public String toString() {
            return accepted() ? "accepts " + describe(value) : "rejects: " + error.getMessage();
        }
    }

    static <T> Verdict<T> verdict(Decode<T> decoder, byte[] input) {
        return verdict(decoder, input, 0, input.length);
    }

    static <T> Verdict<T> verdict(Decode<T> decoder, byte[] buf, int off, int len) {
        try {
            return new Verdict<>(decoder.decode(buf, off, len), null);
        } catch (PacketException e) {
            return new Verdict<>(null, e);
        }
    }

    /**
     * Decodes {@code input} as it is, and again placed at offset 3 of a larger buffer with junk
     * around it; both must give the same value, or the same {@link PacketError}. Returns the first.
     */
    static <T> Verdict<T> sameAtAnOffset(String decoder, Decode<T> decode, byte[] input) {
        Verdict<T> plain = verdict(decode, input);
        byte[] larger = new byte[input.length + 7];
        Arrays.fill(larger, (byte) 0xA5);
        System.arraycopy(input, 0, larger, 3, input.length);
        Verdict<T> shifted = verdict(decode, larger, 3, input.length);
        boolean same = plain.accepted()
                ? shifted.accepted() && describe(plain.value()).equals(describe(shifted.value()))
                : !shifted.accepted() && plain.error().error() == shifted.error().error();
        if (!same) {
            throw new AssertionError(decoder + " decodes the same " + input.length
                    + " octets differently at offset 3 of a larger buffer (does it use off?)\nat 0: " + plain
                    + "\nat 3: " + shifted);
        }
        return plain;
    }

    /** A record written out component by component, arrays in hex, so two decodes compare by content. */
    static String describe(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (o instanceof InetAddress a) {
            return a.getHostAddress();
        }
        if (o instanceof Optional<?> opt) {
            return opt.map(PacketFuzzing::describe).orElse("-");
        }
        if (o instanceof Collection<?> c) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            c.forEach(e -> j.add(describe(e)));
            return j.toString();
        }
        if (o.getClass().isRecord()) {
            StringJoiner j = new StringJoiner(", ", o.getClass().getSimpleName() + "[", "]");
            for (RecordComponent rc : o.getClass().getRecordComponents()) {
                try {
                    j.add(rc.getName() + "=" + describe(rc.getAccessor().invoke(o)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return j.toString();
        }
        return String.valueOf(o);
    }

    /** RFC 1071's Internet checksum of {@code len} octets at {@code off}, computed here (not by the code under test). */
    static int onesComplementSum(byte[] buf, int off, int len) {
        long sum = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((buf[off + i] & 0xFF) << 8) | (buf[off + i + 1] & 0xFF);
        }
        if ((len & 1) != 0) {
            sum += (buf[off + len - 1] & 0xFF) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** Writes a correct checksum at {@code at} for the {@code len} octets at {@code off}. */
    static void fixChecksum(byte[] buf, int off, int len, int at) {
        buf[at] = 0;
        buf[at + 1] = 0;
        int sum = onesComplementSum(buf, off, len);
        buf[at] = (byte) (sum >>> 8);
        buf[at + 1] = (byte) sum;
    }

    /** Whether a checksum over the octets verifies. */
    static boolean checksumVerifies(byte[] buf, int off, int len) {
        return onesComplementSum(buf, off, len) == 0;
    }

    /** pcap4j's opinion: the packet, or null when it refuses the octets. Any other failure of pcap4j is "no opinion". */
    @FunctionalInterface
    interface Pcap4jDecode<P> {
        P decode(byte[] raw, int off, int len) throws IllegalRawDataException;
    }

    /**
     * pcap4j's opinion of the octets: it {@link #accepts()} them (the packet), refuses them
     * ({@link IllegalRawDataException}), or has none (pcap4j itself failed on hostile octets).
     */
    record Opinion<P>(P packet, String refusal) {
        boolean accepts() {
            return packet != null;
        }

        boolean refuses() {
            return refusal != null;
        }

        @Override
        public String toString() {
            return accepts() ? "accepts " + packet.toString().replace('\n', ' ') : refuses() ? "refuses: " + refusal : "no opinion";
        }
    }

    /**
     * pcap4j's opinion, as a {@link FuzzRule#secondOpinion}: what pcap4j allocates is not charged
     * to the decoder under test (pcap4j decodes the payload too, and sizes some lists by counts
     * the payload claims: a DNS header claiming 65,535 questions costs it a megabyte).
     */
    static <P> Opinion<P> pcap4j(Pcap4jDecode<P> decode, byte[] input) {
        return FuzzRule.secondOpinion(() -> {
            try {
                return new Opinion<>(decode.decode(input, 0, input.length), null);
            } catch (IllegalRawDataException e) {
                return new Opinion<>(null, String.valueOf(e.getMessage()));
            } catch (RuntimeException e) {
                return new Opinion<>(null, null); // pcap4j's own trouble with hostile octets: no second opinion
            }
        });
    }

    static AssertionError disagree(String what, byte[] input, Object ours, Object theirs) {
        return new AssertionError(what + "\n  ours:   " + ours + "\n  pcap4j: " + theirs + "\n  input:  "
                + HexFormat.of().formatHex(input));
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }
}
