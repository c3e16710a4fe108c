package dev.netlab.websocket.deflate;

import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.WebSocketException;
import java.util.zip.DataFormatException;
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
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final int CHUNK = 8192;

    private final boolean noContextTakeover;
    private final long maxMessageSize;
    private final Inflater inflater = new Inflater(true); // nowrap: raw DEFLATE, RFC 1951
    private final byte[] out = new byte[CHUNK];
    private long produced;
    private boolean streamEnded; // a BFINAL block ended the DEFLATE stream inside this message

    /**
     * @param noContextTakeover the sender resets its compressor after every message
     * @param maxMessageSize the largest inflated message accepted (1009 above it)
     */
    public MessageInflater(boolean noContextTakeover, long maxMessageSize) {
        this.noContextTakeover = noContextTakeover;
        this.maxMessageSize = maxMessageSize;
    }

    /** Inflates the next compressed octets of the message into {@code sink}. */
    public void inflate(byte[] data, int offset, int length, ByteSink sink) throws WebSocketException {
        if (streamEnded) {
            return; // nothing may follow a final block (RFC 1951 §3.2.3); ignore it
        }
        inflater.setInput(data, offset, length);
        drain(sink);
    }

    /** The message's last octets have been given: append 00 00 ff ff, inflate the rest, get ready for the next message. */
    public void finish(ByteSink sink) throws WebSocketException {
        if (!streamEnded) {
            inflater.setInput(TAIL);
            drain(sink);
        }
        produced = 0;
        streamEnded = false;
        if (noContextTakeover) {
            inflater.reset();
        }
    }

    /** Frees the native memory of the inflater. */
    public void close() {
        inflater.end();
    }

    private void drain(ByteSink sink) throws WebSocketException {
        try {
            while (true) {
                int n = inflater.inflate(out);
                if (n > 0) {
                    produced += n;
                    // the bound is checked on every chunk, never after inflating the whole message
                    if (produced > maxMessageSize) {
                        throw new WebSocketException(CloseCode.MESSAGE_TOO_BIG,
                                "the message inflates beyond " + maxMessageSize + " octets");
                    }
                    sink.accept(out, 0, n);
                    continue;
                }
                if (inflater.finished()) {
                    // a final (BFINAL) block ended the DEFLATE stream (§7.2.3.4): the tail must not be fed to it,
                    // and the next message starts a new stream
                    inflater.reset();
                    streamEnded = true;
                    return;
                }
                if (inflater.needsDictionary()) {
                    throw new DataFormatException("a preset dictionary is not part of permessage-deflate");
                }
                return; // needs more input
            }
        } catch (DataFormatException e) {
            inflater.reset();
            streamEnded = false;
            throw new WebSocketException(CloseCode.INVALID_PAYLOAD, "invalid DEFLATE data: " + e.getMessage());
        }
    }
}
