package dev.netlab.transport.tcp;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A TCP header, decoded (RFC 9293 §3.1):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 * |       |       |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           [Options]                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record TcpHeader(int sourcePort, int destinationPort, long sequence, long acknowledgment, int dataOffset,
                        int flags, int window, int checksum, int urgentPointer, byte[] options, int payloadLength) {
    public static final int FIN = 0b0000_0001;
    public static final int SYN = 0b0000_0010;
    public static final int RST = 0b0000_0100;
    public static final int PSH = 0b0000_1000;
    public static final int ACK = 0b0001_0000;
    public static final int URG = 0b0010_0000;
    public static final int ECE = 0b0100_0000;
    public static final int CWR = 0b1000_0000;

    /** Octets of the fixed header; data offset 5. */
    private static final int FIXED_LENGTH = 20;
    private static final int MIN_DATA_OFFSET = 5;
    private static final String[] NAMES = {"CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"};

    public static TcpHeader decode(byte[] b, int off, int length) throws SegmentException {
        if (length < FIXED_LENGTH) {
            throw new SegmentException(SegmentError.TRUNCATED, length + " octets, the fixed header alone has 20");
        }
        int dataOffset = (b[off + 12] & 0b1111_0000) >>> 4;
        if (dataOffset < MIN_DATA_OFFSET) {
            // RFC 9293 §3.1: "The TCP header (even one including options) is an integer multiple of 32 bits long."
            throw new SegmentException(SegmentError.BAD_DATA_OFFSET, "data offset " + dataOffset + " words, at least 5");
        }
        int headerLength = dataOffset * 4;
        if (length < headerLength) {
            throw new SegmentException(SegmentError.TRUNCATED, length + " octets, the header declares " + headerLength);
        }
        return new TcpHeader(
                u16(b, off), u16(b, off + 2),
                u32(b, off + 4), u32(b, off + 8),
                dataOffset,
                b[off + 13] & 0xFF,
                u16(b, off + 14), u16(b, off + 16), u16(b, off + 18),
                Arrays.copyOfRange(b, off + FIXED_LENGTH, off + headerLength),
                length - headerLength);
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static long u32(byte[] b, int i) {
        return (long) u16(b, i) << 16 | u16(b, i + 2);
    }

    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    public String flagNames() {
        StringJoiner j = new StringJoiner(",");
        for (int bit = 7; bit >= 0; bit--) {
            if ((flags & (1 << bit)) != 0) {
                j.add(NAMES[7 - bit]);
            }
        }
        return j.toString();
    }
}
