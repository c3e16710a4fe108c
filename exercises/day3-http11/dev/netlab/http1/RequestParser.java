package dev.netlab.http1;

import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;

/**
 * The incremental request parser: request line, header section, then the body framed as
 * {@link BodyLength} decides, one message after another on the same input (RFC 9112 §2.1).
 *
 * <pre>
 *   HTTP-message = start-line CRLF *( field-line CRLF ) CRLF [ message-body ]
 *
 *   LINE ──► HEADERS ──► BODY_FIXED ───┐
 *     ▲                  BODY_CHUNKED ─┴──► COMPLETE ──┐
 *     └────────────── next message ────────────────────┘
 * </pre>
 *
 * <p>Your job: compose a {@link RequestLineParser}, a {@link FieldSectionParser} (header
 * limits) and a {@link ChunkedDecoder}. {@code next} returns, per request, one
 * {@link ParseEvent.Head} as soon as the header section is complete (before any body
 * octet: the server may need to answer {@code Expect: 100-continue}), then
 * {@link ParseEvent.Data} slices of the input for a Content-Length body (never past its
 * end: the next request may follow), or the chunked decoder's events, then one
 * {@link ParseEvent.Complete} — for a request without a body, right after the Head without
 * needing another octet. Then it starts over for the next message. Any split of the
 * input, down to one octet per call, must give the same events. It never writes anything.
 */
public final class RequestParser {
    public RequestParser(Limits limits) {
        // build the three parsers; keep the state and the Content-Length still to come
    }

    /** The next event, consuming octets of {@code in}; after an HttpException the parser is unusable. */
    public ParseEvent next(ByteBuffer in) throws HttpException {
        throw StubException.notImplemented("3.05", "The incremental request parser: every split, pipelined messages", "day3-http11/README.md#an-incremental-parser");
    }

    /**
     * Whether the parser waits for a new message and has consumed none of it yet: false from the
     * first octet of a request line on (empty lines before it, RFC 9112 §2.2, do not count).
     */
    public boolean betweenMessages() {
        throw StubException.notImplemented("3.05", "The incremental request parser: every split, pipelined messages", "day3-http11/README.md#an-incremental-parser");
    }
}
