package dev.netlab.kit.ladder;

/**
 * One arrow of a ladder diagram: a packet, or one protocol message inside a packet (a TLS
 * record, an HTTP/1.1 message, an HTTP/2 frame, a WebSocket frame).
 *
 * @param frame the packet's number in the capture (1-based, as Wireshark shows it)
 * @param time seconds since the first packet
 * @param from the sender, e.g. {@code 127.0.0.1:51234}
 * @param to the receiver
 * @param label what the arrow says, e.g. {@code SYN seq=0} or {@code HEADERS stream=1 END_HEADERS}
 * @param bareAck a TCP segment with only ACK set and no data ({@code --compact} leaves it out)
 */
public record Arrow(int frame, double time, String from, String to, String label, boolean bareAck) {}
