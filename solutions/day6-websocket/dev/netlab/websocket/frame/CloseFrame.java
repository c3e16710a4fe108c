package dev.netlab.websocket.frame;

import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.WebSocketException;
import dev.netlab.websocket.message.Utf8Validator;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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
        if (length == 0) {
            return new CloseFrame(CloseCode.NO_STATUS.code(), "");
        }
        if (length == 1) {
            throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "a close payload of one octet (a code needs two)");
        }
        int code = (payload[offset] & 0xFF) << 8 | payload[offset + 1] & 0xFF;
        if (!isValidCode(code)) {
            throw new WebSocketException(CloseCode.PROTOCOL_ERROR, "close code " + code + " may not be sent");
        }
        // §5.5.1: "the data MAY contain ... a reason ... The data is not guaranteed to be human readable ... encoded with UTF-8"
        Utf8Validator utf8 = new Utf8Validator();
        utf8.feed(payload, offset + 2, length - 2);
        utf8.finish();
        return new CloseFrame(code, new String(payload, offset + 2, length - 2, StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code code} may appear in a Close frame (§7.4): 1000–1003 and 1007–1014 (the
     * §7.4.1 codes and the IANA registry's 1012–1014), 3000–3999 (registered by libraries and
     * frameworks) and 4000–4999 (private use). 0–999 are unused, 1004 is reserved, 1005, 1006
     * and 1015 are local-only, 1016–2999 are reserved for future RFCs, 5000 and above are
     * undefined.
     */
    public static boolean isValidCode(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }

    /** The payload to send: code and reason, the reason cut at a character boundary to fit 123 octets. */
    public static byte[] encode(int code, String reason) {
        byte[] text = truncate(reason == null ? "" : reason);
        byte[] out = new byte[2 + text.length];
        out[0] = (byte) (code >>> 8);
        out[1] = (byte) code;
        System.arraycopy(text, 0, out, 2, text.length);
        return out;
    }

    private static byte[] truncate(String reason) {
        byte[] all = reason.getBytes(StandardCharsets.UTF_8);
        if (all.length <= MAX_REASON) {
            return all;
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer out = ByteBuffer.allocate(MAX_REASON);
        encoder.encode(CharBuffer.wrap(reason), out, true); // stops before a character that does not fit whole
        byte[] cut = new byte[out.position()];
        out.flip().get(cut);
        return cut;
    }
}
