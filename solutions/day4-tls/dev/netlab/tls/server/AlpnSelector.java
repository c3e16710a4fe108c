package dev.netlab.tls.server;

import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;

/**
 * The server's side of ALPN (RFC 7301 §3.2): from the protocols the client offers, pick the one
 * the server prefers most — {@code h2} over {@code http/1.1} when both are offered and both are
 * supported — or none at all.
 *
 * <p>RFC 7301 §3.2: "the server will select the most highly preferred protocol that it
 * supports and that is also advertised by the client. In the event that the server supports no
 * protocols that the client advertises, then the server SHALL respond with a fatal
 * "no_application_protocol" alert." JSSE sends that alert when the selector returns
 * {@code null}; returning the empty string would instead carry on without ALPN, which is what a
 * client that sent no ALPN extension gets anyway. Comparison is octet for octet (case matters:
 * {@code H2} is not {@code h2}).
 *
 * <p>Install it per connection: {@code socket.setHandshakeApplicationProtocolSelector(selector)},
 * or {@code engine.setHandshakeApplicationProtocolSelector(selector.forEngine())}.
 */
public final class AlpnSelector implements BiFunction<SSLSocket, List<String>, String> {
    private final List<String> supported;

    /** {@code supported}: the server's protocols, most preferred first ({@code h2}, {@code http/1.1}). */
    public AlpnSelector(List<String> supported) {
        if (supported.isEmpty()) {
            throw new IllegalArgumentException("an ALPN selector needs at least one protocol");
        }
        this.supported = List.copyOf(supported);
    }

    /** The server's protocols, most preferred first. */
    public List<String> supported() {
        return supported;
    }

    /** The protocol to negotiate for the client's {@code offered} list, or null when none overlaps. */
    public String select(List<String> offered) {
        for (String protocol : supported) {
            if (offered.contains(protocol)) {
                return protocol;
            }
        }
        return null;
    }

    @Override
    public String apply(SSLSocket socket, List<String> offered) {
        return select(offered);
    }

    /** The same choice for an {@link SSLEngine}. */
    public BiFunction<SSLEngine, List<String>, String> forEngine() {
        return (engine, offered) -> select(offered);
    }
}
