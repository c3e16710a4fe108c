package dev.netlab.http1;

import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;

/**
 * Decodes the chunked transfer coding, resumably (RFC 9112 §7.1).
 *
 * <pre>
 *   chunked-body   = *chunk last-chunk trailer-section CRLF
 *   chunk          = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 *   chunk-size     = 1*HEXDIG            ; either case, every digit: 1A = 1a = 26
 *   last-chunk     = 1*("0") [ chunk-ext ] CRLF
 *   chunk-ext      = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
 *   chunk-ext-name = token
 *   chunk-ext-val  = token / quoted-string
 *
 *   1 a ; n a m e = v ␍ ␊ &lt;26 octets of data&gt; ␍ ␊ 0 ␍ ␊ E x p i r e s : ... ␍ ␊ ␍ ␊
 *   size  └extension┘            chunk-data        last    └── trailer section ──────┘
 * </pre>
 *
 * <p>Your job: {@code next} returns the chunk data as {@link ParseEvent.Data} slices of
 * the input (no copying, at most what has arrived), and after the last chunk reads the
 * trailer section with a {@link FieldSectionParser} (header limits) and returns
 * {@link ParseEvent.Complete}; {@link ParseEvent.NeedMore} when the input runs out. Parse
 * extensions by their grammar ({@code chunk-ext-name = token}, {@code chunk-ext-val = token /
 * quoted-string}, BWS around ';' and '=': a ';' without a name or an unclosed quote is 400),
 * then ignore them (RFC 9112 §7.1.1: "A recipient MUST ignore unrecognized chunk extensions");
 * bound the whole size line by {@code maxChunkLineLength} (400); allow whitespace after
 * the size only before a ';'. Check the size against {@code maxBodyBytes} at every hex
 * digit (413, before any data is read: no long overflow either). Everything malformed is
 * 400. Never consume past the final CRLF: the next request may follow.
 */
public final class ChunkedDecoder {
    public ChunkedDecoder(Limits limits) {
        // keep the limits, the state, the sizes and a FieldSectionParser for the trailers in fields
    }

    /** The next event from {@code in}: Data (a slice; {@code in}'s position moves past it), Complete, or NeedMore. */
    public ParseEvent next(ByteBuffer in) throws HttpException {
        throw StubException.notImplemented("3.04", "The chunked decoder: sizes, extensions, trailers, limits", "day3-http11/README.md#chunked-transfer-coding");
    }

    /** Content octets decoded so far. */
    public long total() {
        throw StubException.notImplemented("3.04", "The chunked decoder: sizes, extensions, trailers, limits", "day3-http11/README.md#chunked-transfer-coding");
    }

    /** Ready for another chunked body. */
    public void reset() {
        throw StubException.notImplemented("3.04", "The chunked decoder: sizes, extensions, trailers, limits", "day3-http11/README.md#chunked-transfer-coding");
    }
}
