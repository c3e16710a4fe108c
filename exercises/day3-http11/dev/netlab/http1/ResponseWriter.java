package dev.netlab.http1;

import dev.netlab.kit.StubException;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;
import java.time.Clock;

/**
 * Writes responses on one connection: the status line, the header section with the fields
 * only the connection can know ({@code Date}, framing, {@code Connection}), then the body
 * (RFC 9112 §4, §6; RFC 9110 §6.6.1, §7.6.1).
 *
 * <pre>
 *   HTTP/1.1 200 OK␍␊                       status-line = HTTP-version SP status-code SP [ reason-phrase ]
 *   Date: Sun, 06 Nov 1994 08:49:37 GMT␍␊   IMF-fixdate ({@link HttpDate})
 *   Content-Type: text/plain␍␊              from the handler
 *   Content-Length: 5␍␊                     or Transfer-Encoding: chunked, decided here
 *   ␍␊
 *   hello
 * </pre>
 *
 * <p>Your job, in {@code write}:
 * <ul>
 *   <li>status line {@code HTTP/1.1 <code> <reason>}, then {@code Date} from the clock, then
 *       the handler's fields — except {@code Content-Length}, {@code Transfer-Encoding},
 *       {@code Connection}, {@code Keep-Alive} and {@code Date}, which are yours to set;</li>
 *   <li>framing from the body: a known length is {@code Content-Length}; an unknown one
 *       ({@link Response.Streamed}) is {@code Transfer-Encoding: chunked} for HTTP/1.1
 *       requests, and for HTTP/1.0 (which has no chunked) no framing at all and a close;</li>
 *   <li>1xx, 204 and 304 ({@link Status#forbidsContent()}) have no content and no
 *       {@code Content-Length}; a response to HEAD has every field GET would have,
 *       {@code Content-Length} included, but not one octet of content (RFC 9110 §9.3.2);</li>
 *   <li>{@code keepAlive == false}: {@code Connection: close}; keeping an HTTP/1.0 client's
 *       connection open: {@code Connection: keep-alive};</li>
 *   <li>bodies: {@link Response.Bytes} as they are, {@link Response.FileRegion} with
 *       {@code FileChannel.transferTo} to {@code channel} (flush {@code out} first: the head
 *       goes before the file), {@link Response.Streamed} through a chunk-encoding stream;</li>
 *   <li>flush, and return whether the connection may carry another request.</li>
 * </ul>
 * A {@code null} request means it could not be parsed: answer as HTTP/1.1, not HEAD.
 */
public final class ResponseWriter {
    public ResponseWriter(OutputStream out, WritableByteChannel channel, Clock clock) {
        // keep all three: out for the head and small bodies, channel for files, clock for Date
    }

    /** An interim {@code 100 Continue} (RFC 9110 §15.2.1): {@code HTTP/1.1 100 Continue␍␊␍␊}, flushed. */
    public void writeContinue() throws java.io.IOException {
        throw StubException.notImplemented("3.08", "The response writer: status line, Date, framing, HEAD, Connection", "day3-http11/README.md#writing-responses");
    }

    /**
     * Writes {@code response} as the answer to {@code request} (null when the request could
     * not be parsed) and returns whether the connection may carry another request.
     *
     * @param keepAlive what the connection wants: false writes {@code Connection: close}
     */
    public boolean write(RequestHead request, Response response, boolean keepAlive) throws java.io.IOException {
        throw StubException.notImplemented("3.08", "The response writer: status line, Date, framing, HEAD, Connection", "day3-http11/README.md#writing-responses");
    }
}
