package dev.netlab.http1.server;

import dev.netlab.http1.Handler;
import dev.netlab.http1.Limits;
import dev.netlab.kit.StubException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Clock;

/**
 * One HTTP/1.1 connection, served with straight-line blocking reads on its own virtual
 * thread (STYLE.md §7): read a request, answer it, repeat while the connection persists
 * (RFC 9112 §9.3). {@link Http1Server} (given) accepts the socket, makes one of these and
 * calls {@link #run()} on a new virtual thread; {@link #shutdown()} comes from another thread.
 *
 * <pre>
 *   IDLE ──first octet──► BUSY ──response written, persistent──► IDLE
 *     │                    │
 *     └─ idle timeout, EOF, shutdown()     └─ close, error, draining ──► CLOSED
 * </pre>
 *
 * <p>Your job (checkpoints 3.09 and 3.10). Read with {@code channel.socket().getInputStream()}
 * into one {@code ByteBuffer} that a {@link dev.netlab.http1.RequestParser} consumes, and
 * answer with a {@link dev.netlab.http1.ResponseWriter} over the socket's (buffered) output
 * stream and {@code channel}. Set {@code SO_TIMEOUT} before each read:
 * <ul>
 *   <li>waiting for a request's first octet: {@link Limits#idleTimeout()}; when it passes,
 *       or the client closes, close quietly;</li>
 *   <li>from that first octet to the end of the header section: {@link Limits#headerTimeout()}
 *       as one deadline, however slowly octets trickle in (slowloris): then 408 and close;</li>
 *   <li>as soon as the head is read, before anything else (a 100 Continue, the body):
 *       {@link dev.netlab.http1.TargetUri#of} (3.05) checks the request-target and Host rules
 *       of RFC 9112 §3.2; its {@code HttpException} is answered like a parse error (400,
 *       {@code Connection: close}, then the close);</li>
 *   <li>the body: collect the {@code Data} events to {@code Complete}, undo any gzip/deflate
 *       listed before chunked with {@link dev.netlab.http1.TransferCodings#decode} (given),
 *       then call the handler
 *       ({@link dev.netlab.http1.HttpException} → its status, closing the connection only
 *       when its {@code closeConnection()} says so; any other exception → 500);</li>
 *   <li>persistence (RFC 9112 §9.3): HTTP/1.1 stays open unless {@code Connection: close};
 *       HTTP/1.0 closes unless {@code Connection: keep-alive} (options are case-insensitive
 *       list elements, RFC 9110 §7.6.1: {@code keep-alive, Close} closes); a parse error answers its
 *       status and closes; pipelined requests are answered in order;</li>
 *   <li>{@code Expect: 100-continue} (case-insensitive) on an HTTP/1.1 request with a body that
 *       has not arrived yet: write {@code 100 Continue} before reading the body; an HTTP/1.0
 *       request's expectation is ignored (no 100, no 417); another expectation is 417
 *       and close — its body was never read, so it must not be taken for the next request
 *       (RFC 9110 §10.1.1);</li>
 *   <li>{@code shutdown()}: an idle connection closes at once; a busy one finishes its
 *       response with {@code Connection: close}, then closes. Mind the race between the two
 *       threads (an atomic state IDLE/BUSY/CLOSED does it).</li>
 * </ul>
 */
public final class HttpConnection {
    public HttpConnection(SocketChannel channel, Handler handler, Limits limits, Clock clock) {
        // keep them; make the parser, the read buffer and the writer here
    }

    /** Serves requests until the connection closes; returns when it has (closing the channel). */
    public void run() throws IOException {
        throw StubException.notImplemented("3.09", "Persistent connections: keep-alive, pipelining, timeouts", "day3-http11/README.md#persistent-connections");
    }

    /** Graceful shutdown, from another thread: close now if idle, else after the current response. */
    public void shutdown() {
        throw StubException.notImplemented("3.10", "Expect: 100-continue and graceful shutdown", "day3-http11/README.md#expect-100-continue-and-graceful-shutdown");
    }

    /** Closes the socket at once, whatever the state. */
    public void abort() {
        throw StubException.notImplemented("3.10", "Expect: 100-continue and graceful shutdown", "day3-http11/README.md#expect-100-continue-and-graceful-shutdown");
    }
}
