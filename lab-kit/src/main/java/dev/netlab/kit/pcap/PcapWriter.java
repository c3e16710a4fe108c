package dev.netlab.kit.pcap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes the classic libpcap file format (the {@code .pcap} that tshark, tcpdump and
 * Wireshark open), by hand: no libpcap needed, so a failing checkpoint can always leave a
 * capture behind. Format: draft-ietf-opsawg-pcap, "PCAP Capture File Format".
 *
 * <p>The file is one global header, then one record header plus packet bytes per packet.
 * Everything is written big-endian; readers detect the byte order from the magic number.
 *
 * <pre>
 * Global header (24 bytes):
 *                         1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  0 |                     Magic Number (0xa1b2c3d4)                 |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  4 |     Major Version (2)         |       Minor Version (4)       |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  8 |                      Reserved1 (thiszone, 0)                  |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * 12 |                      Reserved2 (sigfigs, 0)                   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * 16 |                            SnapLen                            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * 20 | FCS |f|0 0 0 0 0 0 0 0 0 0 0 0|         LinkType              |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Packet record (16 bytes + data):
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  0 |                      Timestamp (Seconds)                      |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  4 |                    Timestamp (Microseconds)                   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  8 |              Captured Packet Length (incl_len)                |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * 12 |              Original Packet Length (orig_len)                |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * 16 /                          Packet Data                          /
 *    /              (incl_len bytes, no padding between records)     /
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class PcapWriter {
    private PcapWriter() {}

    /** Ethernet II frames (also what Linux loopback delivers to libpcap). */
    public static final int LINKTYPE_ETHERNET = 1;
    /** Raw IPv4 or IPv6 packets, no link-layer header. */
    public static final int LINKTYPE_RAW = 101;
    /** Linux "cooked" capture (the {@code any} pseudo-interface). */
    public static final int LINKTYPE_LINUX_SLL = 113;

    /** Magic number of a file with microsecond timestamps. */
    static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    static final short VERSION_MAJOR = 2;
    static final short VERSION_MINOR = 4;
    /** The largest packet this file claims to hold whole (libpcap's default, 256 KiB). */
    static final int SNAPLEN = 262_144;
    static final int GLOBAL_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;
    private static final int MICROS_PER_NANO_DIVISOR = 1_000;

    /**
     * Writes {@code packets} to {@code file} (replacing it; parent folders are created).
     * Packets longer than {@link #SNAPLEN} are cut to it, keeping their original length.
     */
    public static void write(Path file, int linkType, List<CapturedPacket> packets) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(globalHeader(linkType));
            for (CapturedPacket p : packets) {
                byte[] data = p.data();
                int kept = Math.min(data.length, SNAPLEN);
                out.write(recordHeader(p.time(), kept, p.originalLength()));
                out.write(data, 0, kept);
            }
        }
    }

    /** The 24-byte global header (see the diagram above). */
    static byte[] globalHeader(int linkType) {
        ByteBuffer b = ByteBuffer.allocate(GLOBAL_HEADER_LENGTH).order(ByteOrder.BIG_ENDIAN);
        b.putInt(MAGIC_MICROSECONDS);
        b.putShort(VERSION_MAJOR);
        b.putShort(VERSION_MINOR);
        b.putInt(0); // thiszone: timestamps are UTC
        b.putInt(0); // sigfigs: always 0
        b.putInt(SNAPLEN);
        b.putInt(linkType); // FCS bits 0: no frame check sequence at the end of frames
        return b.array();
    }

    /** The 16-byte record header of one packet (see the diagram above). */
    static byte[] recordHeader(Instant time, int includedLength, int originalLength) {
        ByteBuffer b = ByteBuffer.allocate(RECORD_HEADER_LENGTH).order(ByteOrder.BIG_ENDIAN);
        b.putInt((int) time.getEpochSecond()); // unsigned 32 bits: good until 2106
        b.putInt(time.getNano() / MICROS_PER_NANO_DIVISOR);
        b.putInt(includedLength);
        b.putInt(originalLength);
        return b.array();
    }
}
