package dev.netlab.websocket.handshake;

import java.util.List;
import java.util.Set;

/**
 * What a server endpoint accepts in an opening handshake.
 *
 * @param allowedOrigins the {@code Origin} values (serialized origins, RFC 6454 §6.2, such as
 *        {@code https://chat.example}) allowed to open a connection; a browser always sends
 *        {@code Origin}, so this list is the defence against cross-site WebSocket hijacking
 * @param requireOrigin whether a request without {@code Origin} (a non-browser client: curl,
 *        wscat, a server) is refused too; false lets such clients in
 * @param subprotocols the subprotocols this endpoint speaks, most preferred first; empty for none
 * @param deflate whether permessage-deflate (RFC 7692) may be negotiated
 */
public record HandshakePolicy(Set<String> allowedOrigins, boolean requireOrigin, List<String> subprotocols, boolean deflate) {
    public HandshakePolicy {
        allowedOrigins = Set.copyOf(allowedOrigins);
        subprotocols = List.copyOf(subprotocols);
    }

    /** Any client without an {@code Origin}, browsers from these origins, no subprotocol, no compression. */
    public static HandshakePolicy origins(String... allowed) {
        return new HandshakePolicy(Set.of(allowed), false, List.of(), false);
    }

    public HandshakePolicy withSubprotocols(String... preferred) {
        return new HandshakePolicy(allowedOrigins, requireOrigin, List.of(preferred), deflate);
    }

    public HandshakePolicy withDeflate(boolean on) {
        return new HandshakePolicy(allowedOrigins, requireOrigin, subprotocols, on);
    }

    public HandshakePolicy withRequireOrigin(boolean on) {
        return new HandshakePolicy(allowedOrigins, on, subprotocols, deflate);
    }
}
