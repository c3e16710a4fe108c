package dev.netlab.http1;

import java.nio.ByteBuffer;

/**
 * The incremental request parser: request line, header section, then the body framed as
 * {@link BodyLength} decides, one message after another on the same input (RFC 9112 §2.1).
 * It works on whatever part of the input has arrived: any split of the bytes, down to one
 * octet per call, gives the same events. It reports and never writes: the server acts on
 * the events and on {@link HttpException}s.
 *
 * <pre>
 *   HTTP-message = start-line CRLF *( field-line CRLF ) CRLF [ message-body ]
 *
 *   LINE ──► HEADERS ──► BODY_FIXED ───┐
 *     ▲                  BODY_CHUNKED ─┴──► COMPLETE ──┐
 *     └────────────── next message ────────────────────┘
 * </pre>
 */
public final class RequestParser {
    private enum State { LINE, HEADERS, BODY_FIXED, BODY_CHUNKED, COMPLETE }

    /** The end of every message without trailers: one shared event, no allocation per request. */
    private static final ParseEvent.Complete COMPLETE = new ParseEvent.Complete(new HeaderFields());

    private final Limits limits;
    private final RequestLineParser line;
    private final FieldSectionParser headers;
    private final ChunkedDecoder chunked;
    private State state = State.LINE;
    private long remaining;

    public RequestParser(Limits limits) {
        this.limits = limits;
        this.line = new RequestLineParser(limits);
        this.headers = new FieldSectionParser(limits.maxHeaderCount(), limits.maxHeaderBytes());
        this.chunked = new ChunkedDecoder(limits);
    }

    /**
     * The next event, consuming octets of {@code in} (its position advances past what was
     * used). After {@link ParseEvent.Complete} the parser is ready for the next message on
     * the same input. After an {@link HttpException} it is unusable: close the connection.
     */
    public ParseEvent next(ByteBuffer in) throws HttpException {
        while (true) {
            switch (state) {
                case LINE -> {
                    if (!line.read(in)) {
                        return ParseEvent.NEED_MORE;
                    }
                    state = State.HEADERS;
                }
                case HEADERS -> {
                    if (!headers.read(in)) {
                        return ParseEvent.NEED_MORE;
                    }
                    RequestHead head = new RequestHead(line.method(), line.target(), line.version(), headers.fields());
                    BodyLength length = BodyLength.of(head, limits.maxBodyBytes());
                    switch (length.kind()) {
                        case NONE -> state = State.COMPLETE;
                        case FIXED -> {
                            remaining = length.length();
                            state = State.BODY_FIXED;
                        }
                        case CHUNKED -> state = State.BODY_CHUNKED;
                    }
                    return new ParseEvent.Head(head);
                }
                case BODY_FIXED -> {
                    if (!in.hasRemaining()) {
                        return ParseEvent.NEED_MORE;
                    }
                    int n = (int) Math.min(remaining, in.remaining());
                    ByteBuffer slice = in.slice(in.position(), n);
                    in.position(in.position() + n);
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.COMPLETE;
                    }
                    return new ParseEvent.Data(slice);
                }
                case BODY_CHUNKED -> {
                    ParseEvent e = chunked.next(in);
                    if (e instanceof ParseEvent.Complete) {
                        startNextMessage();
                    }
                    return e;
                }
                case COMPLETE -> {
                    startNextMessage();
                    return COMPLETE;
                }
            }
        }
    }

    private void startNextMessage() {
        state = State.LINE;
        remaining = 0;
        line.reset();
        headers.reset();
        chunked.reset();
    }

    /** Whether the parser waits for a new message and has consumed none of it yet. */
    public boolean betweenMessages() {
        return state == State.LINE && line.atStart();
    }
}
