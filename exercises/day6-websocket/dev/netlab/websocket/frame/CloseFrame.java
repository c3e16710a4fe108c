package dev.netlab.websocket.frame;

import dev.netlab.kit.StubException;
import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.WebSocketException;

/**
 * The payload of a Close frame (RFC 6455 §5.5.1): empty, or a 2-octet status code in network
 * byte order followed by a UTF-8 reason.
 *
 * <pre>
 *   +--------+--------+------------------ ... ------+
 *   |  status code    |  reason (UTF-8, ≤ 123 octets) |
 *   +--------+--------+------------------ ... ------+
 * </pre>
 *
 * @param code the status code, {@code 1005} ({@link CloseCode#NO_STATUS}) when the payload was empty
 * @param reason the reason, possibly empty
 */
public record CloseFrame(int code, String reason) {
    /** 125 octets of control payload minus the 2-octet code. */
    public static final int MAX_REASON = 123;

    /** Parses a received close payload; 1002 for one octet or a code that may not be sent, 1007 for a non-UTF-8 reason. */
    public static CloseFrame parse(byte[] payload, int offset, int length) throws WebSocketException {
        throw StubException.notImplemented("6.08", "Close frames: codes and reasons", "day6-websocket/README.md#closing");
    }

    /**
     * Whether {@code code} may appear in a Close frame (§7.4): 1000–1003 and 1007–1014 (the
     * §7.4.1 codes and the IANA registry's 1012–1014), 3000–3999 (registered by libraries and
     * frameworks) and 4000–4999 (private use). 0–999 are unused, 1004 is reserved, 1005, 1006
     * and 1015 are local-only, 1016–2999 are reserved for future RFCs, 5000 and above are
     * undefined.
     */
    public static boolean isValidCode(int code) {
        throw StubException.notImplemented("6.08", "Close frames: codes and reasons", "day6-websocket/README.md#closing");
    }

    /** The payload to send: code and reason, the reason cut at a character boundary to fit 123 octets. */
    public static byte[] encode(int code, String reason) {
        throw StubException.notImplemented("6.08", "Close frames: codes and reasons", "day6-websocket/README.md#closing");
    }
}
