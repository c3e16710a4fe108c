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

    /**
     * The HTTP/1.1 upgrade (RFC 6455 §4.2.1), checked in this order:
     * <ol>
     *   <li>method GET, else 405 with {@code Allow: GET}; version HTTP/1.1, else 400;</li>
     *   <li>exactly one non-empty {@code Host}, else 400;</li>
     *   <li>{@code Upgrade} holds the token {@code websocket} (a case-insensitive token list), else 426 with
     *       {@code Upgrade: websocket};</li>
     *   <li>{@code Connection} holds the token {@code Upgrade} (case-insensitive list: "keep-alive, Upgrade"), else 400;</li>
     *   <li>exactly one {@code Sec-WebSocket-Version} equal to 13, else 426 with {@code Sec-WebSocket-Version: 13} (§4.4);</li>
     *   <li>exactly one {@code Sec-WebSocket-Key}: 24 base64 characters decoding to 16 octets, else 400;</li>
     *   <li>then the policy: Origin (403), subprotocol, permessage-deflate (see {@link #originAllowed},
     *       {@link #selectSubprotocol}, {@code DeflateNegotiation}; those are checkpoint 6.02 and 6.11).</li>
     * </ol>
     * On success: {@code Accept(101, [Upgrade: websocket, Connection: Upgrade, Sec-WebSocket-Accept: ...,
     * then Sec-WebSocket-Protocol / Sec-WebSocket-Extensions only when chosen], subprotocol or null, deflate or null)}.
     * Use {@link RequestHead#hasToken} and {@link RequestHead#all}.
     */
    public static HandshakeResult upgrade(RequestHead head, HandshakePolicy policy) {
        throw StubException.notImplemented("6.01", "The opening handshake: validation and Sec-WebSocket-Accept", "day6-websocket/README.md#the-opening-handshake");
    }

    /**
     * The RFC 8441 form over HTTP/2 (the method must be CONNECT, else 400; {@code :protocol} must be
     * {@code websocket}, else 400; {@code :path} and {@code :authority} present, else 400; then the same
     * version check (426) and policy (403, subprotocol, deflate) as {@link #upgrade}):
     * {@code :method CONNECT} with {@code :protocol websocket}
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

    /**
     * Whether the request's Origin passes the policy (RFC 6455 §10.2): no {@code Origin} passes unless the
     * policy requires one; more than one {@code Origin} field never passes; otherwise the value must equal one
     * of {@code allowedOrigins} exactly, ASCII case-insensitively (no prefix or suffix matching).
     */
    public static boolean originAllowed(RequestHead head, HandshakePolicy policy) {
        throw StubException.notImplemented("6.02", "Subprotocols, the Origin allow-list, 426 and the HTTP/2 form", "day6-websocket/README.md#origin-subprotocols-and-http2");
    }
}
