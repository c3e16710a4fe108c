package dev.netlab.websocket.message;

import dev.netlab.kit.StubException;
import dev.netlab.websocket.WebSocketException;

/**
 * Validates UTF-8 incrementally (RFC 3629 §4), so a text message is checked as its octets
 * arrive — across frame boundaries and across reads — and fails at the first octet that can
 * no longer begin or continue a valid sequence (RFC 6455 §8.1: "When an endpoint is to
 * interpret a byte stream as UTF-8 but finds that the byte stream is not, in fact, a valid
 * UTF-8 stream, that endpoint MUST _Fail the WebSocket Connection_", with 1007).
 *
 * <pre>
 *   UTF8-1 = %x00-7F
 *   UTF8-2 = %xC2-DF UTF8-tail
 *   UTF8-3 = %xE0 %xA0-BF UTF8-tail / %xE1-EC 2( UTF8-tail ) /
 *            %xED %x80-9F UTF8-tail / %xEE-EF 2( UTF8-tail )
 *   UTF8-4 = %xF0 %x90-BF 2( UTF8-tail ) / %xF1-F3 3( UTF8-tail ) /
 *            %xF4 %x80-8F 2( UTF8-tail )
 *   UTF8-tail = %x80-BF
 * </pre>
 *
 * The state between calls is how many continuation octets are still due and the range the
 * next one must fall in (narrower than 80–BF right after E0, ED, F0 and F4: no overlong
 * forms, no surrogates, nothing above U+10FFFF).
 */
public final class Utf8Validator {

    /** Checks the next octets; 1007 at the first invalid one. */
    public void feed(byte[] data, int offset, int length) throws WebSocketException {
        throw StubException.notImplemented("6.06", "Incremental UTF-8 validation", "day6-websocket/README.md#utf-8");
    }

    /** The message ended: 1007 if it ended inside a sequence. Resets for the next message. */
    public void finish() throws WebSocketException {
        throw StubException.notImplemented("6.06", "Incremental UTF-8 validation", "day6-websocket/README.md#utf-8");
    }

    /** Whether everything fed so far ends on a code point boundary. */
    public boolean atBoundary() {
        throw StubException.notImplemented("6.06", "Incremental UTF-8 validation", "day6-websocket/README.md#utf-8");
    }

    /** Forgets everything: ready for a new message. */
    public void reset() {
        throw StubException.notImplemented("6.06", "Incremental UTF-8 validation", "day6-websocket/README.md#utf-8");
    }

    /** Whether {@code data} is, as a whole, valid UTF-8. */
    public static boolean isValid(byte[] data) {
        throw StubException.notImplemented("6.06", "Incremental UTF-8 validation", "day6-websocket/README.md#utf-8");
    }
}
