package dev.netlab.transport.tcp;

import dev.netlab.kit.StubException;

/**
 * A TCP header, decoded (RFC 9293 §3.1, "Header Format"):
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
 * |                                                               :
 * :                             Data                              :
 * </pre>
 *
 * <p>Your job: {@link #decode(byte[], int, int)} reads the header at the start of a TCP
 * segment (the IP payload). Sequence and acknowledgment numbers are <b>unsigned</b> 32-bit
 * values (return them in a {@code long}). The data offset counts 32-bit words: 5 means 20
 * octets, no options. Check, in this order: at least 20 octets ({@code TRUNCATED}); a data
 * offset of at least 5 ({@code BAD_DATA_OFFSET}); at least {@code dataOffset * 4} octets
 * ({@code TRUNCATED}). {@code payloadLength} is what follows the header in the segment.
 * The checksum is returned as found (checking it needs the IP pseudo-header).
 *
 * @param flags the 8 flag bits, CWR (0b1000_0000) down to FIN (0b0000_0001)
 * @param options the option octets (empty without options)
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

    /** Decodes the header of the TCP segment in {@code bytes[offset, offset + length)}. */
    public static TcpHeader decode(byte[] bytes, int offset, int length) throws SegmentException {
        throw StubException.notImplemented("2.13", "the TCP header", "day2-tcp-udp/README.md#the-tcp-header");
    }

    /** True if every bit of {@code flag} is set. */
    public boolean has(int flag) {
        throw StubException.notImplemented("2.13", "the TCP header", "day2-tcp-udp/README.md#the-tcp-header");
    }

    /** The flags as tcpdump/tshark name them, e.g. {@code "SYN,ACK"} (order: CWR ECE URG ACK PSH RST SYN FIN), or {@code ""}. */
    public String flagNames() {
        throw StubException.notImplemented("2.13", "the TCP header", "day2-tcp-udp/README.md#the-tcp-header");
    }
}
