package dev.netlab.websocket.message;

import dev.netlab.kit.StubException;
import dev.netlab.websocket.WebSocketException;
import dev.netlab.websocket.deflate.MessageInflater;
import dev.netlab.websocket.frame.FrameHeader;

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

    /** @param maxMessageSize the largest message accepted, after decompression (1009 above it) */
    public MessageAssembler(long maxMessageSize) {
        // keep the limit; fields for the message type, its buffer and size, a Utf8Validator, the inflater
    }

    /** From now on messages with RSV1 set are compressed and inflated with this (after negotiating permessage-deflate). */
    public void useInflater(MessageInflater inflater) {
        throw StubException.notImplemented("6.07", "Message assembly: fragments and interleaved control frames", "day6-websocket/README.md#fragmentation");
    }

    /** Whether a fragmented message has started and not finished. */
    public boolean inMessage() {
        throw StubException.notImplemented("6.07", "Message assembly: fragments and interleaved control frames", "day6-websocket/README.md#fragmentation");
    }

    /**
     * A data frame starts: check it may come now and may be this long. 1002 for a CONTINUATION with no
     * message to continue, a TEXT/BINARY inside a fragmented message, RSV1 on a CONTINUATION, or RSV1
     * without an inflater; 1009 when the message (all its fragments so far plus this one) would exceed the
     * limit — compressed octets are bounded by the limit too. A control opcode is an IllegalArgumentException.
     */
    public void begin(FrameHeader header) throws WebSocketException {
        throw StubException.notImplemented("6.07", "Message assembly: fragments and interleaved control frames", "day6-websocket/README.md#fragmentation");
    }

    /**
     * The next piece of the current frame's payload (already unmasked), split anywhere. A text message's
     * octets go through a {@link Utf8Validator} now (1007 at the first bad octet, not at the end); a
     * compressed message's go through the inflater first (checkpoint 6.12), then the size check and UTF-8.
     */
    public void append(byte[] data, int offset, int length) throws WebSocketException {
        throw StubException.notImplemented("6.07", "Message assembly: fragments and interleaved control frames", "day6-websocket/README.md#fragmentation");
    }

    /**
     * The current frame's payload is complete: the message if the frame had FIN (a text message must end on
     * a code point boundary: else 1007; a compressed one is finished by the inflater first), else null. After
     * a message the assembler is ready for the next one.
     */
    public Message end() throws WebSocketException {
        throw StubException.notImplemented("6.07", "Message assembly: fragments and interleaved control frames", "day6-websocket/README.md#fragmentation");
    }
}
