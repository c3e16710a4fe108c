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
import dev.netlab.http1.TransferCodings;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
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
 */
public final class HttpConnection {
    private static final Logger log = LoggerFactory.getLogger(HttpConnection.class);
    private static final int READ_BUFFER = 16 * 1024;
    private static final byte[] NO_BODY = new byte[0];

    private enum State { IDLE, BUSY, CLOSED }

    private final SocketChannel channel;
    private final Handler handler;
    private final Limits limits;
    private final InputStream in;
    private final ResponseWriter writer;
    private final RequestParser parser;
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER).flip();
    private final AtomicReference<State> state = new AtomicReference<>(State.IDLE);
    private volatile boolean draining;

    public HttpConnection(SocketChannel channel, Handler handler, Limits limits, Clock clock) {
        this.channel = channel;
        this.handler = handler;
        this.limits = limits;
        try {
            this.in = channel.socket().getInputStream();
            this.writer = new ResponseWriter(new BufferedOutputStream(channel.socket().getOutputStream(), 8192),
                    channel, clock);
        } catch (IOException e) {
            throw new IllegalStateException("socket not usable", e);
        }
        this.parser = new RequestParser(limits);
    }

    /** Serves requests until the connection closes; returns when it has. */
    public void run() throws IOException {
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
            channel.close();
        }
    }

    /**
     * Waits for the first octet of the next request, at most the idle timeout. Returns
     * false when the client closed, the timeout passed or the server is draining.
     */
    private boolean awaitRequest() throws IOException {
        if (!buffer.hasRemaining()) {
            try {
                if (draining || !fill(limits.idleTimeout().toMillis())) {
                    return false;
                }
            } catch (SocketTimeoutException e) {
                return false; // idle keep-alive timeout: close quietly (RFC 9112 §9.5)
            }
        }
        return state.compareAndSet(State.IDLE, State.BUSY);
    }

    /** Reads and answers one request; true when the connection persists. */
    private boolean serveOne() throws IOException {
        RequestHead head = null;
        try {
            head = readHead(System.nanoTime() + limits.headerTimeout().toNanos());
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
        var expect = head.headers().elements("Expect", true);
        if (expect.isEmpty()) {
            return true;
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

    /** Reads up to the Head event; the header section must be complete before {@code deadline}. */
    private RequestHead readHead(long deadline) throws IOException, HttpException {
        while (true) {
            ParseEvent e = parser.next(buffer);
            if (e instanceof ParseEvent.Head h) {
                return h.head();
            }
            // The deadline counts from the first octet to the end of the header section,
            // however slowly the octets trickle in: a slowloris client cannot reset it.
            long left = (deadline - System.nanoTime()) / 1_000_000;
            try {
                if (left <= 0 || !fill(left)) {
                    if (left <= 0) {
                        throw HttpException.closing(Status.REQUEST_TIMEOUT, "header section not complete in time");
                    }
                    throw new IOException("client closed in the middle of a request head");
                }
            } catch (SocketTimeoutException t) {
                throw HttpException.closing(Status.REQUEST_TIMEOUT, "header section not complete in time");
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
                    try {
                        if (!fill(limits.idleTimeout().toMillis())) {
                            throw new IOException("client closed in the middle of a request body");
                        }
                    } catch (SocketTimeoutException t) {
                        throw HttpException.closing(Status.REQUEST_TIMEOUT, "request body not received in time");
                    }
                }
                case ParseEvent.Head h -> throw new IllegalStateException("a second Head before Complete");
            }
        }
    }

    /** One read into the buffer, waiting at most {@code millis}; false at end of stream. */
    private boolean fill(long millis) throws IOException {
        channel.socket().setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, millis)));
        buffer.compact();
        try {
            int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            if (n > 0) {
                buffer.position(buffer.position() + n);
            }
            return n > 0;
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
