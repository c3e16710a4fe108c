package dev.netlab.websocket.handshake;

import dev.netlab.websocket.deflate.DeflateAgreement;
import dev.netlab.websocket.deflate.DeflateNegotiation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
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

    private Handshake() {}

    /** base64( SHA-1( key + GUID ) ), RFC 6455 §4.2.2 step 5.4. */
    public static String acceptValue(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** The HTTP/1.1 upgrade (RFC 6455 §4.2.1): 101 on success. */
    public static HandshakeResult upgrade(RequestHead head, HandshakePolicy policy) {
        // §4.2.1 item 1: "An HTTP/1.1 or higher GET request"
        if (!head.method().equals("GET")) {
            return refuse(405, "a WebSocket handshake is a GET request", List.of(new RequestHead.Field("Allow", "GET")));
        }
        if (!head.version().equals("HTTP/1.1")) {
            return refuse(400, "a WebSocket handshake needs HTTP/1.1");
        }
        // item 2: "A |Host| header field containing the server's authority."
        if (head.count("Host") != 1 || head.first("Host").orElse("").isEmpty()) {
            return refuse(400, "exactly one non-empty Host field is required");
        }
        // item 3: "An |Upgrade| header field containing the value "websocket", treated as an ASCII case-insensitive value."
        if (!head.hasToken("Upgrade", "websocket")) {
            // RFC 9110 §15.5.22: "The server MUST send an Upgrade header field in a 426 response"
            return refuse(426, "Upgrade: websocket is required", List.of(new RequestHead.Field("Upgrade", "websocket")));
        }
        // item 4: "A |Connection| header field that includes the token "Upgrade", treated as an ASCII case-insensitive value."
        if (!head.hasToken("Connection", "Upgrade")) {
            return refuse(400, "Connection must include the token Upgrade");
        }
        HandshakeResult version = checkVersion(head);
        if (version != null) {
            return version;
        }
        // item 5: "A |Sec-WebSocket-Key| header field with a base64-encoded value that, when decoded, is 16 bytes in length."
        List<String> keys = head.all("Sec-WebSocket-Key");
        if (keys.size() != 1 || !isValidKey(keys.get(0))) {
            return refuse(400, "Sec-WebSocket-Key must be one base64 value of 16 octets");
        }
        return accept(head, policy, 101, List.of(
                new RequestHead.Field("Upgrade", "websocket"),
                new RequestHead.Field("Connection", "Upgrade"),
                new RequestHead.Field("Sec-WebSocket-Accept", acceptValue(keys.get(0)))));
    }

    /**
     * The RFC 8441 form over HTTP/2: {@code :method CONNECT} with {@code :protocol websocket}
     * (§4), no key and no accept (§5: "The Sec-WebSocket-Key and Sec-WebSocket-Accept header
     * fields are not used"), version 13 still required, 200 on success.
     */
    public static HandshakeResult extendedConnect(RequestHead head, HandshakePolicy policy) {
        if (!head.method().equals("CONNECT")) {
            return refuse(400, "an RFC 8441 WebSocket request is an extended CONNECT");
        }
        if (!head.first(":protocol").orElse("").equals("websocket")) {
            return refuse(400, ":protocol websocket is required");
        }
        if (head.first(":path").orElse(head.target()).isEmpty() || head.first(":authority").isEmpty()) {
            // RFC 8441 §4: ":scheme and :path pseudo-headers MUST be included"; :authority names the server
            return refuse(400, ":path and :authority are required");
        }
        HandshakeResult version = checkVersion(head);
        if (version != null) {
            return version;
        }
        return accept(head, policy, 200, List.of());
    }

    /**
     * The subprotocol to answer with: the first of the server's, in its order of preference,
     * that the client offered (tokens compared exactly, RFC 6455 §4.2.2 step 5.4 /subprotocol/);
     * null when none matches (the handshake still succeeds, without Sec-WebSocket-Protocol).
     */
    public static String selectSubprotocol(List<String> offered, List<String> supported) {
        for (String mine : supported) {
            if (offered.contains(mine)) {
                return mine;
            }
        }
        return null;
    }

    /** Whether the request's Origin passes the policy (RFC 6455 §10.2); origins compare ASCII case-insensitively. */
    public static boolean originAllowed(RequestHead head, HandshakePolicy policy) {
        List<String> origins = head.all("Origin");
        if (origins.isEmpty()) {
            return !policy.requireOrigin();
        }
        if (origins.size() > 1) {
            return false;
        }
        String origin = origins.get(0).strip();
        return policy.allowedOrigins().stream().anyMatch(o -> o.equalsIgnoreCase(origin));
    }

    private static HandshakeResult checkVersion(RequestHead head) {
        // item 6 and §4.4: "If this version does not match a version understood by the server, the server MUST abort
        // the WebSocket handshake ... and instead send an appropriate HTTP error code (such as 426 Upgrade Required)
        // and a |Sec-WebSocket-Version| header field indicating the version(s) the server is capable of understanding."
        List<String> versions = head.all("Sec-WebSocket-Version");
        if (versions.size() != 1 || !versions.get(0).strip().equals(VERSION)) {
            return refuse(426, "this server speaks WebSocket version 13 only",
                    List.of(new RequestHead.Field("Sec-WebSocket-Version", VERSION)));
        }
        return null;
    }

    private static HandshakeResult accept(RequestHead head, HandshakePolicy policy, int status, List<RequestHead.Field> base) {
        // §4.2.2 step 4: "the server MAY ... abort the handshake" for an Origin it does not accept (403, §10.2)
        if (!originAllowed(head, policy)) {
            return refuse(403, "origin not allowed: " + head.first("Origin").orElse("(none)"));
        }
        List<RequestHead.Field> fields = new ArrayList<>(base);
        String subprotocol = selectSubprotocol(head.elements("Sec-WebSocket-Protocol"), policy.subprotocols());
        if (subprotocol != null) {
            fields.add(new RequestHead.Field("Sec-WebSocket-Protocol", subprotocol));
        }
        DeflateAgreement deflate = null;
        if (policy.deflate() && head.count("Sec-WebSocket-Extensions") > 0) {
            deflate = DeflateNegotiation.negotiate(head.all("Sec-WebSocket-Extensions"));
            if (deflate != null) {
                fields.add(new RequestHead.Field("Sec-WebSocket-Extensions", deflate.response()));
            }
        }
        return new HandshakeResult.Accept(status, fields, subprotocol, deflate == null ? null : deflate.parameters());
    }

    private static boolean isValidKey(String key) {
        String k = key.strip();
        if (k.length() != 24) {
            return false; // 16 octets are 24 base64 characters with "==" padding
        }
        try {
            return Base64.getDecoder().decode(k).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static HandshakeResult refuse(int status, String reason) {
        return refuse(status, reason, List.of());
    }

    private static HandshakeResult refuse(int status, String reason, List<RequestHead.Field> fields) {
        return new HandshakeResult.Refuse(status, fields, reason);
    }
}
