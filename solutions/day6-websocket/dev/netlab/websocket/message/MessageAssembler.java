package dev.netlab.websocket.message;

import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.Opcode;
import dev.netlab.websocket.WebSocketException;
import dev.netlab.websocket.deflate.MessageInflater;
import dev.netlab.websocket.frame.FrameHeader;
import java.util.Arrays;

/**
 * Puts data frames back together into messages (RFC 6455 §5.4), checking the fragmentation
 * rules, the size limit, and — for text — UTF-8 as the octets arrive.
 *
 * <pre>
 *   TEXT fin=0 "Hel"   PING "x"   CONT fin=0 "lo, "   CONT fin=1 "world"   =&gt;  TEXT "Hello, world"
 *   └ begin/append/end ┘ (not here) └──────── begin/append/end ───────────┘     (control frames may come
 *                                                                                 between fragments, §5.4)
 * </pre>
 *
 * Per data frame the connection calls {@link #begin} with its header (before reading the
 * payload, so limits and sequence errors come first), {@link #append} for each piece of the
 * payload as it is read, and {@link #end} after the last piece; control frames never come here.
 */
public final class MessageAssembler {
    private final long maxMessageSize;
    private final Utf8Validator utf8 = new Utf8Validator();
    private MessageInflater inflater;

    private Opcode type;           // the message being assembled, null between messages
    private boolean compressed;
    private boolean fin;
    private byte[] buffer = new byte[0];
    private int size;
    private long compressedSize;

    /** @param maxMessageSize the largest message accepted, after decompression (1009 above it) */
    public MessageAssembler(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** From now on messages with RSV1 set are compressed and inflated with this (after negotiating permessage-deflate). */
    public void useInflater(MessageInflater inflater) {
        this.inflater = inflater;
    }

    /** Whether a fragmented message has started and not finished. */
    public boolean inMessage() {
        return type != null;
    }

    /** A data frame starts: check it may come now and may be this long. */
    public void begin(FrameHeader header) throws WebSocketException {
        Opcode op = header.opcode();
        if (op.isControl()) {
            throw new IllegalArgumentException("control frames are not assembled: " + op);
        }
        if (op == Opcode.CONTINUATION) {
            // §5.4: a fragmented message starts with a non-continuation frame; there is nothing to continue
            if (type == null) {
                throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "a continuation frame with no message to continue");
            }
            // RFC 7692 §6.1: RSV1 "is set only on the first frame of a message"
            if (header.rsv1()) {
                throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "RSV1 on a continuation frame");
            }
        } else {
            // §5.4: "the fragments of one message MUST NOT be interleaved between the fragments of another message"
            if (type != null) {
                throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "a new " + op + " message before the fragmented " + type + " message ended");
            }
            if (header.rsv1() && inflater == null) {
                throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "RSV1 set without permessage-deflate");
            }
            type = op;
            compressed = header.rsv1();
            size = 0;
            compressedSize = 0;
        }
        fin = header.fin();
        if (compressed) {
            // compressed octets are bounded too; the inflated size is checked as it grows
            compressedSize += header.length();
            if (compressedSize > maxMessageSize) {
                throw tooBig(compressedSize);
            }
        } else {
            long total = size + header.length();
            if (total > maxMessageSize) {
                throw tooBig(total);
            }
            ensure(total, header.fin() && size == 0);
        }
    }

    /** The next piece of the current frame's payload (already unmasked). */
    public void append(byte[] data, int offset, int length) throws WebSocketException {
        if (compressed) {
            inflater.inflate(data, offset, length, this::addPlain);
        } else {
            addPlain(data, offset, length);
        }
    }

    /** The current frame's payload is complete: the message if the frame had FIN, else null. */
    public Message end() throws WebSocketException {
        if (!fin) {
            return null;
        }
        if (compressed) {
            inflater.finish(this::addPlain);
        }
        if (type == Opcode.TEXT) {
            utf8.finish();
        }
        byte[] data = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        Message message = new Message(type, data);
        type = null;
        buffer = EMPTY;
        size = 0;
        return message;
    }

    private static final byte[] EMPTY = new byte[0];

    private void addPlain(byte[] data, int offset, int length) throws WebSocketException {
        if (size + (long) length > maxMessageSize) {
            throw tooBig(size + (long) length);
        }
        if (type == Opcode.TEXT) {
            utf8.feed(data, offset, length);
        }
        ensure(size + (long) length, false);
        System.arraycopy(data, offset, buffer, size, length);
        size += length;
    }

    /** Room for {@code total} octets; exactly that many when it is known to be the whole message. */
    private void ensure(long total, boolean exact) {
        if (total <= buffer.length) {
            return;
        }
        int capacity = exact ? (int) total : (int) Math.min(maxMessageSize, Math.max(total, Math.max(256, buffer.length * 2L)));
        buffer = Arrays.copyOf(buffer, capacity);
    }

    private WebSocketException tooBig(long octets) {
        return new WebSocketException(CloseCode.MESSAGE_TOO_BIG, "a message of " + octets + "+ octets (limit " + maxMessageSize + ")");
    }
}
