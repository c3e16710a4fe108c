package dev.netlab.websocket.deflate;

/**
 * The agreed parameters of permessage-deflate (RFC 7692 §7.1), as the server sees them.
 *
 * @param serverNoContextTakeover the server resets its compressor after every message (§7.1.1.1)
 * @param clientNoContextTakeover the client resets its compressor after every message (§7.1.1.2)
 * @param serverMaxWindowBits the LZ77 window the server compresses with, 8–15 (§7.1.2.1)
 * @param clientMaxWindowBits the window the client compresses with, 8–15 (15 when not limited, §7.1.2.2)
 */
public record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                                int serverMaxWindowBits, int clientMaxWindowBits) {
    /** No limits, context kept on both sides: what {@code permessage-deflate} alone means. */
    public static final DeflateParameters DEFAULT = new DeflateParameters(false, false, 15, 15);
}
