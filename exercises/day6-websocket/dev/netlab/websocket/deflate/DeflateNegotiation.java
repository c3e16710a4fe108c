package dev.netlab.websocket.deflate;

import dev.netlab.kit.StubException;
import java.util.List;

/**
 * The server's half of permessage-deflate negotiation (RFC 7692 §5, §7.1): read the client's
 * offers from {@code Sec-WebSocket-Extensions}, accept the first one this server supports, and
 * say so in the response.
 *
 * <pre>
 *   extension-list  = 1#extension                                   ; RFC 6455 §9.1
 *   extension       = extension-token *( ";" extension-param )
 *   extension-param = token [ "=" (token | quoted-string) ]
 *
 *   Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10, permessage-deflate
 *                             └──────────── offer 1 ───────────────────┘  └──── offer 2 ─────┘
 * </pre>
 *
 * This server compresses with {@link java.util.zip.Deflater}, whose LZ77 window is always
 * 2^15: it cannot honour {@code server_max_window_bits} below 15 and declines such an offer
 * (§7.1.2.1: "A server declines an extension negotiation offer with this parameter if the
 * server doesn't support it"), taking the client's next offer if there is one. It inflates
 * anything, so every {@code client_max_window_bits} is fine.
 */
public final class DeflateNegotiation {
    public static final String NAME = "permessage-deflate";

    /** The agreement for the first acceptable permessage-deflate offer in these field values, or null. */
    public static DeflateAgreement negotiate(List<String> extensionFieldValues) {
        throw StubException.notImplemented("6.11", "permessage-deflate negotiation", "day6-websocket/README.md#permessage-deflate");
    }
}
