package dev.netlab.kit.ladder;

import java.util.ArrayList;
import java.util.List;

/** TCP's flag bits (RFC 9293 §3.1) as names: {@code 0x012 -> SYN,ACK}. */
final class TcpFlags {
    private TcpFlags() {}

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    static final int URG = 0x20;

    static String names(int flags) {
        List<String> out = new ArrayList<>();
        if ((flags & SYN) != 0) {
            out.add("SYN");
        }
        if ((flags & FIN) != 0) {
            out.add("FIN");
        }
        if ((flags & RST) != 0) {
            out.add("RST");
        }
        if ((flags & PSH) != 0) {
            out.add("PSH");
        }
        if ((flags & ACK) != 0) {
            out.add("ACK");
        }
        if ((flags & URG) != 0) {
            out.add("URG");
        }
        return String.join(",", out);
    }

    /** {@code SYN seq=0}, {@code ACK seq=1 ack=1}, {@code PSH,ACK seq=1 ack=1 len=78}. */
    static String segment(int flags, long seq, long ack, int len) {
        StringBuilder sb = new StringBuilder(names(flags)).append(" seq=").append(seq);
        if ((flags & ACK) != 0) {
            sb.append(" ack=").append(ack);
        }
        if (len > 0) {
            sb.append(" len=").append(len);
        }
        return sb.toString();
    }
}
