package dev.netlab.websocket.deflate;

import java.util.Arrays;
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
    private static final int TAIL = 4;

    private final boolean noContextTakeover;
    private final Deflater deflater;
    private byte[] out = new byte[1024];

    /** @param noContextTakeover reset the compressor after every message */
    public MessageDeflater(boolean noContextTakeover, int level) {
        this.noContextTakeover = noContextTakeover;
        this.deflater = new Deflater(level, true);
    }

    public MessageDeflater(boolean noContextTakeover) {
        this(noContextTakeover, Deflater.DEFAULT_COMPRESSION);
    }

    /** The compressed payload of one whole message, without the 00 00 ff ff tail. */
    public byte[] compress(byte[] data, int offset, int length) {
        deflater.setInput(data, offset, length);
        int n = 0;
        while (true) {
            n += deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            if (n < out.length) {
                break; // the flush completed with room to spare
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        if (noContextTakeover) {
            deflater.reset();
        }
        // the flush ends with an empty stored block 00 00 ff ff: §7.2.1 "Remove 4 octets (that are 0x00 0x00 0xff 0xff) from the tail end"
        return Arrays.copyOf(out, n - TAIL);
    }

    /** Frees the native memory of the deflater. */
    public void close() {
        deflater.end();
    }
}
