package dev.netlab.http1;

import static dev.netlab.http1.Abnf.CR;
import static dev.netlab.http1.Abnf.LF;

import java.nio.ByteBuffer;

/**
 * Decodes the chunked transfer coding, resumably (RFC 9112 §7.1).
 *
 * <pre>
 *   chunked-body   = *chunk last-chunk trailer-section CRLF
 *   chunk          = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 *   chunk-size     = 1*HEXDIG
 *   last-chunk     = 1*("0") [ chunk-ext ] CRLF
 *   chunk-ext      = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
 *   chunk-ext-name = token
 *   chunk-ext-val  = token / quoted-string
 *
 *   1 a ; n a m e = v ␍ ␊ &lt;26 octets of data&gt; ␍ ␊ 0 ␍ ␊ E x p i r e s : ... ␍ ␊ ␍ ␊
 *   size  └extension┘            chunk-data        last    └── trailer section ──────┘
 * </pre>
 */
public final class ChunkedDecoder {
    private enum State {
        SIZE_FIRST, SIZE, SIZE_WS,
        EXT_NAME_START, EXT_NAME, EXT_AFTER_NAME, EXT_VALUE_START, EXT_TOKEN, EXT_QUOTED, EXT_QUOTED_PAIR, EXT_AFTER_VALUE,
        SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILERS, DONE
    }

    private final Limits limits;
    private final FieldSectionParser trailers;
    private State state = State.SIZE_FIRST;
    private long chunkSize;
    private long remaining;
    private long total;
    private int lineLength;

    public ChunkedDecoder(Limits limits) {
        this.limits = limits;
        this.trailers = new FieldSectionParser(limits.maxHeaderCount(), limits.maxHeaderBytes());
    }

    /**
     * The next event from {@code in}: {@link ParseEvent.Data} (a slice of {@code in}, whose
     * position moves past it), {@link ParseEvent.Complete} with the trailers after the last
     * chunk, or {@link ParseEvent.NeedMore}.
     */
    public ParseEvent next(ByteBuffer in) throws HttpException {
        while (in.hasRemaining() || state == State.DONE) {
            switch (state) {
                case DATA -> {
                    int n = (int) Math.min(remaining, in.remaining());
                    ByteBuffer slice = in.slice(in.position(), n);
                    in.position(in.position() + n);
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.DATA_CR;
                    }
                    return new ParseEvent.Data(slice);
                }
                case TRAILERS -> {
                    if (!trailers.read(in)) {
                        return ParseEvent.NEED_MORE;
                    }
                    state = State.DONE;
                }
                case DONE -> {
                    return new ParseEvent.Complete(trailers.fields());
                }
                default -> octet(in.get());
            }
        }
        return ParseEvent.NEED_MORE;
    }

    private void octet(byte b) throws HttpException {
        if (state != State.DATA_CR && state != State.DATA_LF && ++lineLength > limits.maxChunkLineLength()) {
            throw HttpException.badRequest("chunk-size line longer than " + limits.maxChunkLineLength());
        }
        switch (state) {
            case SIZE_FIRST -> {
                if (Abnf.hexValue(b) < 0) {
                    throw HttpException.badRequest("chunk-size is 1*HEXDIG; got 0x%02x".formatted(b & 0xFF));
                }
                chunkSize = 0;
                sizeDigit(Abnf.hexValue(b));
                state = State.SIZE;
            }
            case SIZE -> {
                int digit = Abnf.hexValue(b);
                if (digit >= 0) {
                    sizeDigit(digit);
                } else if (b == ';') {
                    state = State.EXT_NAME_START;
                } else if (Abnf.isWhitespace(b)) {
                    state = State.SIZE_WS; // BWS before ';'
                } else if (b == CR) {
                    state = State.SIZE_LF;
                } else {
                    throw HttpException.badRequest("invalid octet 0x%02x in a chunk size".formatted(b & 0xFF));
                }
            }
            case SIZE_WS -> {
                if (b == ';') {
                    state = State.EXT_NAME_START;
                } else if (!Abnf.isWhitespace(b)) {
                    // BWS is only allowed before a chunk extension.
                    throw HttpException.badRequest("whitespace after a chunk size without an extension");
                }
            }
            // Extensions are parsed, then ignored: RFC 9112 §7.1.1, "A recipient MUST ignore
            // unrecognized chunk extensions." They are bounded by the line limit.
            //   chunk-ext      = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
            //   chunk-ext-name = token
            //   chunk-ext-val  = token / quoted-string
            case EXT_NAME_START -> {
                if (Abnf.isTchar(b)) {
                    state = State.EXT_NAME;
                } else if (!Abnf.isWhitespace(b)) {
                    throw badExtension(b, "a chunk-ext-name (token) after ';'");
                }
            }
            case EXT_NAME -> {
                if (!Abnf.isTchar(b)) {
                    extensionSeparator(b, true);
                }
            }
            case EXT_AFTER_NAME -> extensionSeparator(b, true);
            case EXT_VALUE_START -> {
                if (b == '"') {
                    state = State.EXT_QUOTED;
                } else if (Abnf.isTchar(b)) {
                    state = State.EXT_TOKEN;
                } else if (!Abnf.isWhitespace(b)) {
                    throw badExtension(b, "a token or quoted-string after '='");
                }
            }
            case EXT_TOKEN -> {
                if (!Abnf.isTchar(b)) {
                    extensionSeparator(b, false);
                }
            }
            case EXT_QUOTED -> {
                // quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE   (RFC 9110 §5.6.4)
                // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
                if (b == '"') {
                    state = State.EXT_AFTER_VALUE;
                } else if (b == '\\') {
                    state = State.EXT_QUOTED_PAIR;
                } else if (!Abnf.isFieldVchar(b) && !Abnf.isWhitespace(b)) {
                    throw badExtension(b, "qdtext inside a quoted chunk-ext-val (is a quote missing?)");
                }
            }
            case EXT_QUOTED_PAIR -> {
                // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
                if (!Abnf.isFieldVchar(b) && !Abnf.isWhitespace(b)) {
                    throw badExtension(b, "an escaped octet after '\\'");
                }
                state = State.EXT_QUOTED;
            }
            case EXT_AFTER_VALUE -> extensionSeparator(b, false);
            case SIZE_LF -> {
                if (b != LF) {
                    throw HttpException.badRequest("chunk-size line must end with CRLF");
                }
                lineLength = 0;
                total += chunkSize;
                remaining = chunkSize;
                state = chunkSize == 0 ? State.TRAILERS : State.DATA;
            }
            case DATA_CR -> {
                if (b != CR) {
                    throw HttpException.badRequest("chunk-data must be followed by CRLF");
                }
                state = State.DATA_LF;
            }
            case DATA_LF -> {
                if (b != LF) {
                    throw HttpException.badRequest("chunk-data must be followed by CRLF");
                }
                lineLength = 0;
                state = State.SIZE_FIRST;
            }
            case DATA, TRAILERS, DONE -> throw new IllegalStateException("unreachable");
        }
    }

    /**
     * After an extension's name or value: BWS, then ';' (another extension), CR (end of the
     * line) or, after a name, '=' (its value).
     */
    private void extensionSeparator(byte b, boolean afterName) throws HttpException {
        if (b == ';') {
            state = State.EXT_NAME_START;
        } else if (b == CR) {
            state = State.SIZE_LF;
        } else if (b == '=' && afterName) {
            state = State.EXT_VALUE_START;
        } else if (Abnf.isWhitespace(b)) {
            state = afterName ? State.EXT_AFTER_NAME : State.EXT_AFTER_VALUE;
        } else {
            throw badExtension(b, afterName ? "'=', ';' or CRLF after a chunk-ext-name" : "';' or CRLF after a chunk-ext-val");
        }
    }

    private static HttpException badExtension(byte b, String expected) {
        return HttpException.badRequest("chunk extension: expected %s, got 0x%02x".formatted(expected, b & 0xFF));
    }

    private void sizeDigit(int digit) throws HttpException {
        chunkSize = chunkSize * 16 + digit;
        // Checked digit by digit, so no size overflows a long and no data octet is read first.
        if (total + chunkSize > limits.maxBodyBytes()) {
            throw HttpException.closing(Status.CONTENT_TOO_LARGE, "chunked body larger than " + limits.maxBodyBytes());
        }
    }

    /** Content octets decoded so far. */
    public long total() {
        return total - remaining;
    }

    /** Ready for another chunked body. */
    public void reset() {
        state = State.SIZE_FIRST;
        chunkSize = 0;
        remaining = 0;
        total = 0;
        lineLength = 0;
        trailers.reset();
    }
}
