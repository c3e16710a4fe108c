package dev.netlab.quic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the frames of a decrypted Initial or Handshake packet (RFC 9000 §12.4, §19). These
 * packet types may carry only PADDING, PING, ACK, CRYPTO and CONNECTION_CLOSE of type 0x1c
 * (RFC 9000 §12.4, Table 3).
 *
 * <pre>
 * PADDING          Type (i) = 0x00
 * PING             Type (i) = 0x01
 * ACK              Type (i) = 0x02..0x03, Largest Acknowledged (i), ACK Delay (i),
 *                  ACK Range Count (i), First ACK Range (i), ACK Range (..) ...,
 *                  [ECN Counts: ECT0 Count (i), ECT1 Count (i), ECN-CE Count (i)]
 *                  ACK Range = Gap (i), ACK Range Length (i)
 * CRYPTO           Type (i) = 0x06, Offset (i), Length (i), Crypto Data (..)
 * CONNECTION_CLOSE Type (i) = 0x1c, Error Code (i), Frame Type (i),
 *                  Reason Phrase Length (i), Reason Phrase (..)
 * </pre>
 *
 * Every fault is a connection error: FRAME_ENCODING_ERROR for a frame that is cut short or
 * impossible, PROTOCOL_VIOLATION for a frame this packet type must not carry.
 */
public final class FrameParser {
    private FrameParser() {}

    /** The frames of {@code payload}, in order; {@code type} is INITIAL or HANDSHAKE. */
    public static List<Frame> parse(byte[] payload, PacketType type) throws QuicException {
        if (type != PacketType.INITIAL && type != PacketType.HANDSHAKE) {
            throw new IllegalArgumentException("this parser reads Initial and Handshake payloads: " + type);
        }
        // RFC 9000 §12.4: "An endpoint MUST treat receipt of a packet containing no frames as a
        // connection error of type PROTOCOL_VIOLATION."
        if (payload.length == 0) {
            throw QuicException.connection(QuicError.PROTOCOL_VIOLATION, "a packet with no frames");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        List<Frame> frames = new ArrayList<>();
        while (in.hasRemaining()) {
            int typeStart = in.position();
            long frameType = VarInt.read(in);
            // RFC 9000 §12.4: "the frame type MUST use the shortest encoding ... An endpoint MAY
            // treat the receipt of a frame type that uses a longer encoding than necessary as a
            // connection error of type PROTOCOL_VIOLATION."
            if (in.position() - typeStart != VarInt.length(frameType)) {
                throw QuicException.connection(QuicError.PROTOCOL_VIOLATION,
                        "frame type 0x" + Long.toHexString(frameType) + " in a longer encoding than necessary");
            }
            frames.add(switch ((int) Math.min(frameType, Integer.MAX_VALUE)) {
                case Frame.PADDING -> padding(in);
                case Frame.PING -> new Frame.Ping();
                case Frame.ACK, Frame.ACK_ECN -> ack(in, frameType == Frame.ACK_ECN);
                case Frame.CRYPTO -> crypto(in);
                case Frame.CONNECTION_CLOSE -> connectionClose(in);
                default -> throw notHere(frameType, type);
            });
        }
        return frames;
    }

    private static Frame padding(ByteBuffer in) {
        int length = 1;
        while (in.hasRemaining() && in.get(in.position()) == 0) {
            in.get();
            length++;
        }
        return new Frame.Padding(length);
    }

    private static Frame ack(ByteBuffer in, boolean ecn) throws QuicException {
        long largest = VarInt.read(in);
        long delay = VarInt.read(in);
        long rangeCount = VarInt.read(in);
        long firstRange = VarInt.read(in);
        // RFC 9000 §19.3.1: "If any computed packet number is negative, an endpoint MUST generate
        // a connection error of type FRAME_ENCODING_ERROR."
        long smallest = largest - firstRange;
        if (smallest < 0) {
            throw encoding("First ACK Range " + firstRange + " goes below packet 0 from Largest Acknowledged " + largest);
        }
        List<Frame.AckRange> ranges = new ArrayList<>();
        ranges.add(new Frame.AckRange(smallest, largest));
        // every range takes at least two octets: a count beyond that is a lie caught by the loop
        for (long i = 0; i < rangeCount; i++) {
            long gap = VarInt.read(in);
            long length = VarInt.read(in);
            long rangeLargest = smallest - gap - 2;
            long rangeSmallest = rangeLargest - length;
            if (rangeLargest < 0 || rangeSmallest < 0) {
                throw encoding("ACK Range " + (i + 1) + " (gap " + gap + ", length " + length + ") goes below packet 0");
            }
            ranges.add(new Frame.AckRange(rangeSmallest, rangeLargest));
            smallest = rangeSmallest;
        }
        Frame.EcnCounts counts = ecn ? new Frame.EcnCounts(VarInt.read(in), VarInt.read(in), VarInt.read(in)) : null;
        return new Frame.Ack(largest, delay, List.copyOf(ranges), counts);
    }

    private static Frame crypto(ByteBuffer in) throws QuicException {
        long offset = VarInt.read(in);
        long length = VarInt.read(in);
        if (length > in.remaining()) {
            throw encoding("CRYPTO Length " + length + " runs past the packet (" + in.remaining() + " octets left)");
        }
        // RFC 9000 §19.6: "The largest offset delivered on a stream -- the sum of the offset and
        // data length -- cannot exceed 2^62-1. Receipt of a frame that exceeds this limit MUST be
        // treated as a connection error of type FRAME_ENCODING_ERROR or CRYPTO_BUFFER_EXCEEDED."
        if (offset + length > VarInt.MAX) {
            throw encoding("CRYPTO data ends past 2^62-1");
        }
        byte[] data = new byte[(int) length];
        in.get(data);
        return new Frame.Crypto(offset, data);
    }

    private static Frame connectionClose(ByteBuffer in) throws QuicException {
        long code = VarInt.read(in);
        long frameType = VarInt.read(in);
        long reasonLength = VarInt.read(in);
        if (reasonLength > in.remaining()) {
            throw encoding("Reason Phrase Length " + reasonLength + " runs past the packet");
        }
        byte[] reason = new byte[(int) reasonLength];
        in.get(reason);
        return new Frame.ConnectionClose(code, frameType, new String(reason, StandardCharsets.UTF_8));
    }

    private static QuicException notHere(long frameType, PacketType type) {
        // RFC 9000 §12.4: "An endpoint MUST treat the receipt of a frame of unknown type as a
        // connection error of type FRAME_ENCODING_ERROR." and "... receipt of a frame in a packet
        // type that is not permitted as a connection error of type PROTOCOL_VIOLATION."
        if (frameType > Frame.LAST_RFC9000_TYPE) {
            return encoding("unknown frame type 0x" + Long.toHexString(frameType));
        }
        return QuicException.connection(QuicError.PROTOCOL_VIOLATION,
                "frame type 0x" + Long.toHexString(frameType) + " is not allowed in " + type + " packets");
    }

    private static QuicException encoding(String why) {
        return QuicException.connection(QuicError.FRAME_ENCODING_ERROR, why);
    }
}
