package dev.netlab.websocket.message;

import dev.netlab.websocket.CloseCode;
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
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private int pending;
    private int lower = 0x80;
    private int upper = 0xBF;
    private long count;

    /** Checks the next octets; 1007 at the first invalid one. */
    public void feed(byte[] data, int offset, int length) throws WebSocketException {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (pending == 0) {
                // fast path: eight ASCII octets at a time
                while (i + 8 <= end && (readLong(data, i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                if (i == end) {
                    break;
                }
                int b = data[i] & 0xFF;
                if (b < 0x80) {
                    i++;
                    continue;
                }
                lower = 0x80;
                upper = 0xBF;
                if (b >= 0xC2 && b <= 0xDF) {
                    pending = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    pending = 2;
                    if (b == 0xE0) {
                        lower = 0xA0; // no overlong 3-octet forms
                    } else if (b == 0xED) {
                        upper = 0x9F; // no UTF-16 surrogates U+D800..U+DFFF
                    }
                } else if (b >= 0xF0 && b <= 0xF4) {
                    pending = 3;
                    if (b == 0xF0) {
                        lower = 0x90; // no overlong 4-octet forms
                    } else if (b == 0xF4) {
                        upper = 0x8F; // nothing above U+10FFFF
                    }
                } else {
                    throw invalid(i - offset, b); // 80-C1 (a tail or overlong lead), F5-FF
                }
                i++;
            } else {
                int b = data[i] & 0xFF;
                if (b < lower || b > upper) {
                    throw invalid(i - offset, b);
                }
                lower = 0x80;
                upper = 0xBF;
                pending--;
                i++;
            }
        }
        count += length;
    }

    /** The message ended: 1007 if it ended inside a sequence. Resets for the next message. */
    public void finish() throws WebSocketException {
        boolean open = pending != 0;
        reset();
        if (open) {
            throw new WebSocketException(CloseCode.INVALID_PAYLOAD, "the text ends inside a UTF-8 sequence");
        }
    }

    /** Whether everything fed so far ends on a code point boundary. */
    public boolean atBoundary() {
        return pending == 0;
    }

    /** Forgets everything: ready for a new message. */
    public void reset() {
        pending = 0;
        lower = 0x80;
        upper = 0xBF;
        count = 0;
    }

    /** Whether {@code data} is, as a whole, valid UTF-8. */
    public static boolean isValid(byte[] data) {
        Utf8Validator v = new Utf8Validator();
        try {
            v.feed(data, 0, data.length);
            v.finish();
            return true;
        } catch (WebSocketException e) {
            return false;
        }
    }

    private WebSocketException invalid(int at, int octet) {
        long where = count + at;
        reset();
        return new WebSocketException(CloseCode.INVALID_PAYLOAD,
                String.format("invalid UTF-8: octet 0x%02X at offset %d of the text", octet, where));
    }

    private static long readLong(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
}
