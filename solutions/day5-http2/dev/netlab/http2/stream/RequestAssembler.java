package dev.netlab.http2.stream;

import dev.netlab.http2.Http2Exception;
import dev.netlab.http2.hpack.HeaderField;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Puts a request together from the frames of one stream (RFC 9113 §8.1): the head, DATA
 * payloads in order, optionally a trailer section, until END_STREAM.
 *
 * <pre>
 *   HEADERS (+ CONTINUATION)   the head               ── END_STREAM here: no content
 *   DATA ...                   the content            ── END_STREAM on the last one
 *   HEADERS (+ CONTINUATION)   trailers, END_STREAM   ── optional
 * </pre>
 *
 * <p>Checks (each a stream error PROTOCOL_ERROR, §8.1.1): the content must add up to a
 * {@code content-length} ("A request or response is also malformed if the value of a
 * content-length header field does not equal the sum of the DATA frame payload lengths" —
 * found as soon as the sum passes it, and at END_STREAM when it falls short); a second HEADERS
 * frame is a trailer section and must carry END_STREAM (§8.1: "...the last frame in the
 * sequence bears an END_STREAM flag"), without pseudo-header fields. Content beyond
 * {@code maxBodySize} is counted but not kept: {@link Progress#TOO_LARGE}, and the server
 * answers 413.
 */
public final class RequestAssembler {
    /** Where the request stands after a frame. */
    public enum Progress {
        /** More frames will come. */
        MORE,
        /** END_STREAM: the request is complete. */
        COMPLETE,
        /** The content passed {@code maxBodySize} (reported once; later frames report MORE/COMPLETE). */
        TOO_LARGE
    }

    private final int streamId;
    private final RequestHead head;
    private final long maxBodySize;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long received;
    private boolean tooLarge;
    private List<HeaderField> trailers = List.of();

    public RequestAssembler(int streamId, RequestHead head, long maxBodySize) {
        this.streamId = streamId;
        this.head = head;
        this.maxBodySize = maxBodySize;
    }

    public RequestHead head() {
        return head;
    }

    /**
     * The HEADERS frame of the head carried END_STREAM: no content follows. A
     * {@code content-length} other than 0 is then malformed.
     */
    public Progress headersEnded() throws Http2Exception {
        return end();
    }

    /**
     * A DATA payload ({@code length} octets of {@code data} from {@code offset}; padding is not
     * content) and whether its frame carried END_STREAM.
     */
    public Progress data(byte[] data, int offset, int length, boolean endStream) throws Http2Exception {
        received += length;
        if (head.contentLength() >= 0 && received > head.contentLength()) {
            throw RequestHead.malformed(streamId, "%d octets of content with content-length %d", received, head.contentLength());
        }
        boolean justTooLarge = false;
        if (!tooLarge) {
            if (received > maxBodySize) {
                tooLarge = true;
                justTooLarge = true;
                body.reset();
            } else {
                body.write(data, offset, length);
            }
        }
        Progress p = endStream ? end() : Progress.MORE;
        return justTooLarge ? Progress.TOO_LARGE : p;
    }

    /** A second field block: trailers. It must end the stream. */
    public Progress trailers(List<HeaderField> fields, boolean endStream) throws Http2Exception {
        if (!endStream) {
            throw RequestHead.malformed(streamId, "a second HEADERS frame without END_STREAM");
        }
        trailers = RequestHead.trailers(fields, streamId);
        return end();
    }

    private Progress end() throws Http2Exception {
        if (head.contentLength() >= 0 && received != head.contentLength()) {
            throw RequestHead.malformed(streamId, "%d octets of content with content-length %d", received, head.contentLength());
        }
        return Progress.COMPLETE;
    }

    /** The content received (empty when it was too large). */
    public byte[] body() {
        return body.toByteArray();
    }

    /** Octets of content received, kept or not. */
    public long received() {
        return received;
    }

    public boolean tooLarge() {
        return tooLarge;
    }

    public List<HeaderField> trailers() {
        return trailers;
    }
}
