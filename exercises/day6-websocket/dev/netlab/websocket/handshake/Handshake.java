package dev.netlab.websocket.handshake;

import dev.netlab.kit.StubException;
import java.util.List;

/**
 * The server side of the opening handshake (RFC 6455 §4.2), as a pure function from a request
 * head and a policy to an answer: accept, or refuse with a status. It never touches a socket.
 *
 * <pre>
 *   GET /chat HTTP/1.1                                   HTTP/1.1 101 Switching Protocols
 *   Host: server.example.com                             Upgrade: websocket
 *   Upgrade: websocket                                   Connection: Upgrade
 *   Connection: Upgrade                                  Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
 *   Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==          Sec-WebSocket-Protocol: chat
 *   Origin: http://example.com
 *   Sec-WebSocket-Protocol: chat, superchat
 *   Sec-WebSocket-Version: 13
 * </pre>
 */
public final class Handshake {
    /** RFC 6455 §1.3: the GUID appended to the key before hashing. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    public static final String VERSION = "13";

    /** base64( SHA-1( key + GUID ) ), RFC 6455 §4.2.2 step 5.4. */
    public static String acceptValue(String key) {
        throw StubException.notImplemented("6.01", "The opening handshake: validation and Sec-WebSocket-Accept", "day6-websocket/README.md#the-opening-handshake");
    }

    /** The HTTP/1.1 upgrade (RFC 6455 §4.2.1): 101 on success. */
    public static HandshakeResult upgrade(RequestHead head, HandshakePolicy policy) {
        throw StubException.notImplemented("6.01", "The opening handshake: validation and Sec-WebSocket-Accept", "day6-websocket/README.md#the-opening-handshake");
    }

    /**
     * The RFC 8441 form over HTTP/2: {@code :method CONNECT} with {@code :protocol websocket}
     * (§4), no key and no accept (§5: "The Sec-WebSocket-Key and Sec-WebSocket-Accept header
     * fields are not used"), version 13 still required, 200 on success.
     */
    public static HandshakeResult extendedConnect(RequestHead head, HandshakePolicy policy) {
        throw StubException.notImplemented("6.02", "Subprotocols, the Origin allow-list, 426 and the HTTP/2 form", "day6-websocket/README.md#origin-subprotocols-and-http2");
    }

    /**
     * The subprotocol to answer with: the first of the server's, in its order of preference,
     * that the client offered (tokens compared exactly, RFC 6455 §4.2.2 step 5.4 /subprotocol/);
     * null when none matches (the handshake still succeeds, without Sec-WebSocket-Protocol).
     */
    public static String selectSubprotocol(List<String> offered, List<String> supported) {
        throw StubException.notImplemented("6.02", "Subprotocols, the Origin allow-list, 426 and the HTTP/2 form", "day6-websocket/README.md#origin-subprotocols-and-http2");
    }

    /** Whether the request's Origin passes the policy (RFC 6455 §10.2); origins compare ASCII case-insensitively. */
    public static boolean originAllowed(RequestHead head, HandshakePolicy policy) {
        throw StubException.notImplemented("6.02", "Subprotocols, the Origin allow-list, 426 and the HTTP/2 form", "day6-websocket/README.md#origin-subprotocols-and-http2");
    }
}
