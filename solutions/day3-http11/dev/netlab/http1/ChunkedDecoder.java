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
 *
 *   1 a ; n a m e = v ␍ ␊ &lt;26 octets of data&gt; ␍ ␊ 0 ␍ ␊ E x p i r e s : ... ␍ ␊ ␍ ␊
 *   size  └extension┘            chunk-data        last    └── trailer section ──────┘
 * </pre>
 */
public final class ChunkedDecoder {
    private enum State { SIZE_FIRST, SIZE, SIZE_WS, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILERS, DONE }

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
                    state = State.EXTENSION;
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
                    state = State.EXTENSION;
                } else if (!Abnf.isWhitespace(b)) {
                    // BWS is only allowed before a chunk extension.
                    throw HttpException.badRequest("whitespace after a chunk size without an extension");
                }
            }
            case EXTENSION -> {
                // Extensions are skipped: RFC 9112 §7.1.1, "A recipient MUST ignore
                // unrecognized chunk extensions." They are still bounded by the line limit.
                if (b == CR) {
                    state = State.SIZE_LF;
                } else if (!Abnf.isFieldVchar(b) && !Abnf.isWhitespace(b)) {
                    throw HttpException.badRequest("invalid octet 0x%02x in a chunk extension".formatted(b & 0xFF));
                }
            }
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
