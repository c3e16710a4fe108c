package dev.netlab.websocket.deflate;

import dev.netlab.kit.StubException;
import java.util.zip.Deflater;

/**
 * Compresses messages for permessage-deflate (RFC 7692 §7.2.1): raw DEFLATE, ended with a
 * sync flush — which writes an empty stored block whose last four octets are
 * {@code 00 00 ff ff} — and those four octets removed before sending.
 *
 * <pre>
 *   Deflater(nowrap) + SYNC_FLUSH of "Hello":  f2 48 cd c9 c9 07 00 00 00 ff ff
 *   sent as the payload (RSV1 set):            f2 48 cd c9 c9 07 00
 * </pre>
 *
 * With context takeover the compressor keeps its window, so a message that repeats an
 * earlier one compresses to a few octets; with {@code no_context_takeover} it is reset after
 * every message, costing ratio and saving the 32 KiB window's memory between messages.
 */
public final class MessageDeflater {

    /** @param noContextTakeover reset the compressor after every message */
    public MessageDeflater(boolean noContextTakeover, int level) {
        // a java.util.zip.Deflater(level, true) (raw DEFLATE) and the context-takeover flag in fields
    }

    public MessageDeflater(boolean noContextTakeover) {
        // a java.util.zip.Deflater(level, true) (raw DEFLATE) and the context-takeover flag in fields
    }

    /** The compressed payload of one whole message, without the 00 00 ff ff tail. */
    public byte[] compress(byte[] data, int offset, int length) {
        throw StubException.notImplemented("6.12", "permessage-deflate: compressing and inflating messages", "day6-websocket/README.md#permessage-deflate");
    }

    /** Frees the native memory of the deflater. */
    public void close() {
        throw StubException.notImplemented("6.12", "permessage-deflate: compressing and inflating messages", "day6-websocket/README.md#permessage-deflate");
    }
}
