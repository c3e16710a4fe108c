package dev.netlab.websocket.deflate;

import dev.netlab.kit.StubException;
import dev.netlab.websocket.WebSocketException;
import java.util.zip.Inflater;

/**
 * Decompresses permessage-deflate messages (RFC 7692 §7.2.2): raw DEFLATE (no zlib header),
 * the compressed fragments of one message fed in order, and at the end of the message the four
 * octets {@code 00 00 ff ff} the sender removed, then everything inflated.
 *
 * <pre>
 *   compressed message on the wire:   f2 48 cd c9 c9 07 00            ("Hello", §7.2.3.1)
 *   fed to the inflater:              f2 48 cd c9 c9 07 00 00 00 ff ff
 * </pre>
 *
 * With context takeover (the default) the inflater keeps its 32 KiB window from message to
 * message, since the sender's compressor may refer back to earlier messages; with the peer's
 * {@code no_context_takeover} it starts afresh for every message. The inflated size is bounded
 * as it grows: a few kilobytes that inflate to gigabytes (a decompression bomb) fail with 1009
 * after at most {@code maxMessageSize} octets of work.
 */
public final class MessageInflater {

    /**
     * @param noContextTakeover the sender resets its compressor after every message
     * @param maxMessageSize the largest inflated message accepted (1009 above it)
     */
    public MessageInflater(boolean noContextTakeover, long maxMessageSize) {
        // a java.util.zip.Inflater(true) (raw DEFLATE), the flag, the limit and an output buffer in fields
    }

    /** Inflates the next compressed octets of the message into {@code sink}. */
    public void inflate(byte[] data, int offset, int length, ByteSink sink) throws WebSocketException {
        throw StubException.notImplemented("6.12", "permessage-deflate: compressing and inflating messages", "day6-websocket/README.md#permessage-deflate");
    }

    /** The message's last octets have been given: append 00 00 ff ff, inflate the rest, get ready for the next message. */
    public void finish(ByteSink sink) throws WebSocketException {
        throw StubException.notImplemented("6.12", "permessage-deflate: compressing and inflating messages", "day6-websocket/README.md#permessage-deflate");
    }

    /** Frees the native memory of the inflater. */
    public void close() {
        throw StubException.notImplemented("6.12", "permessage-deflate: compressing and inflating messages", "day6-websocket/README.md#permessage-deflate");
    }
}
