package dev.netlab.http1.server;

import dev.netlab.http1.Handler;
import dev.netlab.http1.HeaderFields;
import dev.netlab.http1.HttpException;
import dev.netlab.http1.HttpVersion;
import dev.netlab.http1.Limits;
import dev.netlab.http1.ParseEvent;
import dev.netlab.http1.Request;
import dev.netlab.http1.RequestHead;
import dev.netlab.http1.RequestParser;
import dev.netlab.http1.Response;
import dev.netlab.http1.ResponseWriter;
import dev.netlab.http1.Status;
import dev.netlab.http1.TargetUri;
import dev.netlab.http1.TransferCodings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.1 connection, served with straight-line blocking reads on its own virtual
 * thread (STYLE.md §7): read a request, answer it, repeat while the connection persists
 * (RFC 9112 §9.3). Pipelined requests are answered in the order received simply because
 * this loop reads the next one only after answering the last.
 *
 * <pre>
 *   IDLE ──first octet──► BUSY ──response written, persistent──► IDLE
 *     │                    │
 *     └─ idle timeout, EOF, shutdown()     └─ close, error, draining ──► CLOSED
 * </pre>
 *
 * <p>Timeouts. Three waits are bounded, each by one deadline rather than a timeout per read:
 * <ul>
 *   <li>for the first octet of a request: the idle timeout, then a quiet close (RFC 9112 §9.5);</li>
 *   <li>from that octet to the end of the header section: the header timeout, set once, so a
 *       client trickling one octet at a time (slowloris) cannot stretch it; then 408 and close;</li>
 *   <li>each read of the body: the idle timeout again; then 408 and close.</li>
 * </ul>
 * The reads themselves have no {@code SO_TIMEOUT}: a socket timeout arms and cancels a JDK
 * timer on every read that waits, which under wrk cost about a third of the server's CPU
 * (day3-http11/README.md, "Performance"). Instead a
 * {@link ReadDeadline} holds the current deadline, a single watchdog thread for all
 * connections shuts the input down when it passes, and the read returns end-of-stream.
 */
public final class HttpConnection {
    private static final Logger log = LoggerFactory.getLogger(HttpConnection.class);
    private static final int READ_BUFFER = 16 * 1024;
    private static final int WRITE_BUFFER = 8 * 1024;
    private static final byte[] NO_BODY = new byte[0];

    private enum State { IDLE, BUSY, CLOSED }

    private final SocketChannel channel;
    private final Handler handler;
    private final Limits limits;
    private final ResponseWriter writer;
    private final RequestParser parser;
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER).flip();
    private final AtomicReference<State> state = new AtomicReference<>(State.IDLE);
    private volatile boolean draining;
    private ReadDeadline deadline;

    public HttpConnection(SocketChannel channel, Handler handler, Limits limits, Clock clock) {
        this.channel = channel;
        this.handler = handler;
        this.limits = limits;
        this.writer = new ResponseWriter(new ChannelOutputStream(channel, WRITE_BUFFER), channel, clock);
        this.parser = new RequestParser(limits);
    }

    /** Serves requests until the connection closes; returns when it has. */
    public void run() throws IOException {
        deadline = ReadDeadline.watch(channel);
        try {
            while (awaitRequest()) {
                if (!serveOne()) {
                    return;
                }
                if (!state.compareAndSet(State.BUSY, State.IDLE) || draining) {
                    return; // shutdown() arrived while we were busy
                }
            }
        } finally {
            state.set(State.CLOSED);
            deadline.close();
            channel.close();
        }
    }

    /**
     * Waits for the first octet of the next request, at most the idle timeout. Returns
     * false when the client closed, the timeout passed or the server is draining.
     */
    private boolean awaitRequest() throws IOException {
        if (!buffer.hasRemaining()) {
            if (draining) {
                return false;
            }
            deadline.expireAfter(limits.idleTimeout());
            letOthersRunFirst();
            if (!fill()) {
                return false; // the client closed, or the idle timeout passed: close quietly (RFC 9112 §9.5)
            }
        }
        return state.compareAndSet(State.IDLE, State.BUSY);
    }

    /**
     * Before the read that waits for the next request, a virtual thread yields its carrier
     * once. The client has only just received our response, so a read now would almost
     * always find nothing: the JDK would register the socket with its poller
     * ({@code epoll_ctl}), park the thread, and unpark it when the poller sees the request
     * arrive. Yielding lets the other connections that are ready run first; by the time
     * this one is scheduled again its next request has often arrived, and the read takes it
     * without parking. It is the same batching an event loop gets from one {@code epoll_wait}
     * returning many ready sockets. With nothing else runnable the yield returns at once.
     * Measured under wrk (100 connections, day3-http11/README.md, "Performance"): reads per
     * request fell from 1.9 to 1.4–1.6 and {@code epoll_ctl} calls from 0.92 to 0.4–0.6.
     * A platform thread would only make a {@code sched_yield} system call, so it does not.
     */
    private static void letOthersRunFirst() {
        if (Thread.currentThread().isVirtual()) {
            Thread.yield();
        }
    }

    /** Reads and answers one request; true when the connection persists. */
    private boolean serveOne() throws IOException {
        RequestHead head = null;
        try {
            head = readHead();
            // RFC 9112 §3.2: the request-target and Host rules, before anything else is done
            // for this request (a 100 Continue, reading its body).
            TargetUri.of(head);
            // RFC 9112 §9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 closes unless "keep-alive".
            boolean keepAlive = wantsKeepAlive(head);
            if (!expectation(head)) {
                // The body (if any) is still unread: RFC 9110 §10.1.1, a server answering before
                // reading the content "SHOULD indicate whether it intends to close the
                // connection ... or continue reading": we close, so no body octet is ever
                // taken for the next request.
                writer.write(head, Response.text(Status.EXPECTATION_FAILED, "only 100-continue is expected\n"), false);
                return false;
            }
            Request request = readBody(head);
            deadline.clear(); // the handler and the writes are not timed
            try {
                return writer.write(head, handler.handle(request), keepAlive && !draining);
            } catch (HttpException e) {
                // a handler's error: answer it; close only if the exception asks to
                return writer.write(head, Response.text(e.status(), e.detail() + "\n"),
                        keepAlive && !draining && !e.closeConnection());
            } catch (RuntimeException e) {
                log.warn("handler failed on {} {}", request.method(), request.path(), e);
                return writer.write(head, Response.text(Status.INTERNAL_SERVER_ERROR, "internal error\n"), keepAlive && !draining);
            }
        } catch (HttpException e) {
            // A parser error leaves the framing unknown: answer and close (RFC 9112 §6.3).
            writer.write(head, Response.text(e.status(), e.detail() + "\n"), false);
            return false;
        }
    }

    private static boolean wantsKeepAlive(RequestHead head) {
        HeaderFields h = head.headers();
        if (h.containsToken("Connection", "close")) {
            return false;
        }
        return head.version().persistentByDefault() || h.containsToken("Connection", "keep-alive");
    }

    /**
     * RFC 9110 §10.1.1: answers {@code Expect: 100-continue} with a 100 before the body is
     * read, and returns false for an expectation the server cannot meet (417).
     */
    private boolean expectation(RequestHead head) throws IOException {
        if (!head.headers().contains("Expect")) {
            return true; // nearly every request: no list to build
        }
        var expect = head.headers().elements("Expect", true);
        if (expect.isEmpty()) {
            return true; // "Expect:" with an empty value expects nothing
        }
        // "A server that receives a 100-continue expectation in an HTTP/1.0 request MUST
        // ignore that expectation."
        if (head.version() == HttpVersion.HTTP_1_0) {
            return true;
        }
        if (!expect.equals(java.util.List.of("100-continue"))) {
            return false;
        }
        // "A server MAY omit sending a 100 (Continue) response if it has already received
        // some or all of the content"; the content follows only if the head announced one.
        boolean hasBody = head.headers().contains("Transfer-Encoding")
                || head.headers().first("Content-Length").filter(v -> !v.equals("0")).isPresent();
        if (hasBody && !buffer.hasRemaining()) {
            writer.writeContinue();
        }
        return true;
    }

    /** Reads up to the Head event; the header section must be complete within the header timeout. */
    private RequestHead readHead() throws IOException, HttpException {
        // One deadline from the first octet (just read) to the end of the header section,
        // however slowly the octets trickle in: a slowloris client cannot push it back.
        deadline.expireAfter(limits.headerTimeout());
        while (true) {
            ParseEvent e = parser.next(buffer);
            if (e instanceof ParseEvent.Head h) {
                return h.head();
            }
            if (!fill()) {
                if (deadline.expired()) {
                    // RFC 9110 §15.5.9: 408 "the server did not receive a complete request
                    // message within the time that it was prepared to wait"
                    throw HttpException.closing(Status.REQUEST_TIMEOUT, "header section not complete in time");
                }
                throw new IOException("client closed in the middle of a request head");
            }
        }
    }

    /** Reads the body (bounded by the parser's body limit) to the Complete event. */
    private Request readBody(RequestHead head) throws IOException, HttpException {
        ByteArrayOutputStream body = null; // most requests have none
        while (true) {
            ParseEvent e = parser.next(buffer);
            switch (e) {
                case ParseEvent.Data d -> {
                    ByteBuffer content = d.content();
                    if (body == null) {
                        body = new ByteArrayOutputStream(content.remaining());
                    }
                    body.write(content.array(), content.arrayOffset() + content.position(), content.remaining());
                }
                case ParseEvent.Complete c -> {
                    // the parser removed chunked; gzip or deflate before it are undone here
                    byte[] raw = body == null ? NO_BODY : body.toByteArray();
                    return new Request(head, TransferCodings.decode(head, raw, limits.maxBodyBytes()), c.trailers());
                }
                case ParseEvent.NeedMore n -> {
                    deadline.expireAfter(limits.idleTimeout()); // per read: a slow upload is fine, a stalled one is not
                    if (!fill()) {
                        if (deadline.expired()) {
                            throw HttpException.closing(Status.REQUEST_TIMEOUT, "request body not received in time");
                        }
                        throw new IOException("client closed in the middle of a request body");
                    }
                }
                case ParseEvent.Head h -> throw new IllegalStateException("a second Head before Complete");
            }
        }
    }

    /**
     * One blocking read into the buffer, as long as it takes: the {@link ReadDeadline} ends it
     * (as end-of-stream) when the current deadline passes. False at end of stream.
     */
    private boolean fill() throws IOException {
        buffer.compact();
        try {
            return channel.read(buffer) > 0;
        } finally {
            buffer.flip();
        }
    }

    /**
     * Graceful shutdown, from another thread: an idle connection closes now; a busy one
     * answers its request with {@code Connection: close}, then closes.
     */
    public void shutdown() {
        draining = true;
        if (state.compareAndSet(State.IDLE, State.CLOSED)) {
            abort();
        }
    }

    /** Closes the socket at once, whatever the state. */
    public void abort() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}
