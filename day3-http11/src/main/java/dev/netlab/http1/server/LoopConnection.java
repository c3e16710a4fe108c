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
import dev.netlab.kit.StubReached;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection on an {@link EventLoop} (given): {@link HttpConnection}'s loop turned inside
 * out. Instead of a thread that blocks until octets arrive, the loop calls {@link #onReady}
 * when they have; the connection reads what is there, feeds it to the incremental
 * {@link RequestParser} — which is why the parser is incremental — answers every request that
 * is complete, sends the answers in one write, and returns. What a thread kept on its stack
 * (which request, how much body, which deadline) lives in fields.
 *
 * <pre>
 *   waiting ──octets──► parse ──Complete──► handler ──► ResponseWriter ──► LoopOutput
 *      ▲                  │ NeedMore                                         │ send()
 *      └──────────────────┴─────────── OP_READ ◄── all sent ◄────────────────┤
 *                                      OP_WRITE ◄── socket full (stop reading)┘
 * </pre>
 *
 * The same promises as {@link HttpConnection}: persistence (RFC 9112 §9.3), pipelined
 * requests answered in order, the idle timeout before a request, one header deadline from
 * its first octet (slowloris), the idle timeout per read of a body, 100-continue
 * (RFC 9110 §10.1.1), a parse error answered with its status and a close (RFC 9112 §6.3),
 * graceful shutdown. A body that cannot be written without blocking (a file region, a
 * streamed body) is written by a virtual thread on the then-blocking channel, zero-copy for
 * files; the connection then returns to the loop.
 */
final class LoopConnection {
    private static final Logger log = LoggerFactory.getLogger(LoopConnection.class);
    private static final int READ_BUFFER = 16 * 1024;
    /** Pipelined requests wait while this much output is unsent: a client must read to be served. */
    private static final int HIGH_WATER = 64 * 1024;
    private static final byte[] NO_BODY = new byte[0];

    /** What the server gives every connection. */
    record Context(Handler handler, Limits limits, Clock clock, BooleanSupplier draining,
                   Consumer<LoopConnection> opened, Consumer<LoopConnection> closed,
                   Consumer<RuntimeException> failed) {}

    /** The deadline being watched, if any. */
    private enum Wait { NONE, IDLE, HEADER, BODY, WRITE }

    private final SocketChannel channel;
    private final EventLoop loop;
    private final Context cx;
    private final RequestParser parser;
    private final LoopOutput out;
    private final ResponseWriter writer;
    private final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER).flip();
    private final AtomicBoolean closed = new AtomicBoolean();
    private SelectionKey key;
    private Wait wait = Wait.NONE;
    private long deadline;
    private RequestHead head;           // the request being received, null between requests
    private boolean keepAlive;
    private ByteArrayOutputStream body; // its content so far, null if none
    private boolean closeAfterSend;
    private boolean offloaded;

    private LoopConnection(SocketChannel channel, EventLoop loop, Context cx) {
        this.channel = channel;
        this.loop = loop;
        this.cx = cx;
        this.parser = new RequestParser(cx.limits());
        this.out = new LoopOutput(channel);
        this.writer = new ResponseWriter(out, channel, cx.clock());
    }

    /** On the loop thread: takes a freshly accepted non-blocking channel. */
    static void register(SocketChannel channel, EventLoop loop, Context cx) {
        LoopConnection c = new LoopConnection(channel, loop, cx);
        cx.opened().accept(c);
        loop.added(c);
        try {
            c.key = channel.register(loop.selector(), SelectionKey.OP_READ, c);
            c.await(Wait.IDLE, cx.limits().idleTimeout());
        } catch (IOException e) {
            c.close();
        }
    }

    /** The key's socket is ready: read if readable, then serve what is buffered. */
    void onReady(int readyOps) {
        try {
            if ((readyOps & SelectionKey.OP_READ) != 0 && !read()) {
                return;
            }
            serve();
        } catch (IOException e) {
            log.debug("connection ended: {}", e.toString());
            close();
        } catch (RuntimeException e) {
            cx.failed().accept(e);
            if (!StubReached.handle(e, log)) { // a stub: stop the program, or say it once in tests
                log.warn("connection failed: {}", e.toString());
            }
            close();
        }
    }

    /** One non-blocking read; false when the connection closed (end of stream). */
    private boolean read() throws IOException {
        in.compact();
        if (!in.hasRemaining()) {
            // The parser left a full buffer unconsumed: it would never make progress. (The
            // reference parser takes every octet it is given; HttpConnection closes here too.)
            in.flip();
            log.warn("closing a connection whose parser consumes nothing from a full buffer");
            close();
            return false;
        }
        int n;
        try {
            n = channel.read(in);
        } finally {
            in.flip();
        }
        if (n < 0) {
            close(); // the client closed: quietly between requests, or mid-request (RFC 9112 §9.5)
            return false;
        }
        if (n > 0 && wait == Wait.BODY) {
            await(Wait.BODY, cx.limits().idleTimeout()); // per read: a slow upload is fine, a stalled one is not
        }
        return true;
    }

    /** Answers every complete request buffered, sends, and says what to wait for next. */
    private void serve() throws IOException {
        while (true) {
            boolean more = !closeAfterSend && !offloaded && out.pending() < HIGH_WATER;
            while (more) {
                more = step();
            }
            if (offloaded) {
                return;
            }
            if (!out.send()) {
                interest(SelectionKey.OP_WRITE); // stop reading until the client reads
                await(Wait.WRITE, cx.limits().idleTimeout());
                return;
            }
            if (closeAfterSend) {
                close();
                return;
            }
            if (!in.hasRemaining() || head != null || !parser.betweenMessages()) {
                break; // waiting for octets; else the high-water mark paused pipelined requests
            }
        }
        interest(SelectionKey.OP_READ);
        if (head == null && parser.betweenMessages() && !in.hasRemaining()) {
            await(Wait.IDLE, cx.limits().idleTimeout()); // RFC 9112 §9.5: then close quietly
        } else if (wait == Wait.WRITE) {
            // the client read our answers and owes us the rest of a request: time that again
            await(head != null ? Wait.BODY : Wait.HEADER,
                    head != null ? cx.limits().idleTimeout() : cx.limits().headerTimeout());
        }
    }

    /** Takes one event from the parser; false when there is nothing more to do now. */
    private boolean step() throws IOException {
        boolean atBoundary = head == null && parser.betweenMessages();
        if (atBoundary && draining()) {
            closeAfterSend = true; // shutdown: no new request on this connection
            return false;
        }
        if (atBoundary && in.hasRemaining() && wait != Wait.HEADER) {
            // One deadline from a request's first octet to the end of its header section,
            // however slowly the octets trickle in: a slowloris client cannot push it back.
            await(Wait.HEADER, cx.limits().headerTimeout());
        }
        ParseEvent event;
        try {
            event = parser.next(in);
        } catch (HttpException e) {
            answerAndClose(e); // the framing is unknown now: answer and close (RFC 9112 §6.3)
            return false;
        }
        switch (event) {
            case ParseEvent.Head h -> {
                onHead(h.head());
                return !closeAfterSend;
            }
            case ParseEvent.Data d -> {
                ByteBuffer content = d.content();
                if (body == null) {
                    body = new ByteArrayOutputStream(content.remaining());
                }
                body.write(content.array(), content.arrayOffset() + content.position(), content.remaining());
                return true;
            }
            case ParseEvent.Complete c -> {
                onComplete(c.trailers());
                return !closeAfterSend && !offloaded;
            }
            case ParseEvent.NeedMore n -> {
                return false;
            }
        }
    }

    private void onHead(RequestHead h) throws IOException {
        head = h;
        try {
            // RFC 9112 §3.2: the request-target and Host rules, before anything else is done
            // for this request (a 100 Continue, reading its body).
            TargetUri.of(h);
        } catch (HttpException e) {
            answerAndClose(e);
            return;
        }
        // RFC 9112 §9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 closes unless "keep-alive".
        HeaderFields fields = h.headers();
        keepAlive = !fields.containsToken("Connection", "close")
                && (h.version().persistentByDefault() || fields.containsToken("Connection", "keep-alive"));
        await(Wait.BODY, cx.limits().idleTimeout());
        if (!fields.contains("Expect")) {
            return;
        }
        List<String> expect = fields.elements("Expect", true);
        // RFC 9110 §10.1.1: an HTTP/1.0 server "MUST ignore that expectation"; an empty one expects nothing.
        if (expect.isEmpty() || h.version() == HttpVersion.HTTP_1_0) {
            return;
        }
        if (!expect.equals(List.of("100-continue"))) {
            // The body is unread: close, so no body octet is taken for the next request.
            writer.write(h, Response.text(Status.EXPECTATION_FAILED, "only 100-continue is expected\n"), false);
            closeAfterSend = true;
            return;
        }
        boolean hasBody = fields.contains("Transfer-Encoding")
                || fields.first("Content-Length").filter(v -> !v.equals("0")).isPresent();
        if (hasBody && !in.hasRemaining()) {
            writer.writeContinue(); // sent with the batch, before we wait for the body
        }
    }

    private void onComplete(HeaderFields trailers) throws IOException {
        RequestHead h = head;
        byte[] raw = body == null ? NO_BODY : body.toByteArray();
        head = null;
        body = null;
        await(Wait.NONE, Duration.ZERO); // the handler and the writes are not timed
        Request request;
        try {
            // the parser removed chunked; gzip or deflate before it are undone here
            request = new Request(h, TransferCodings.decode(h, raw, cx.limits().maxBodyBytes()), trailers);
        } catch (HttpException e) {
            writer.write(h, Response.text(e.status(), e.detail() + "\n"), false);
            closeAfterSend = true;
            return;
        }
        boolean persist = true;
        Response response;
        try {
            response = cx.handler().handle(request);
        } catch (HttpException e) {
            response = Response.text(e.status(), e.detail() + "\n"); // a handler's error: close only if asked
            persist &= !e.closeConnection();
        } catch (RuntimeException e) {
            if (!StubReached.handle(e, log)) {
                log.warn("handler failed on {} {}", request.method(), request.path(), e);
            }
            response = Response.text(Status.INTERNAL_SERVER_ERROR, "internal error\n");
        }
        // read after the handler: a shutdown may have begun while it ran (on this loop, maybe)
        persist &= keepAlive && !draining();
        if (response.body() instanceof Response.FileRegion || response.body() instanceof Response.Streamed) {
            offload(h, response, persist);
        } else if (!writer.write(h, response, persist)) {
            closeAfterSend = true;
        }
    }

    private void answerAndClose(HttpException e) throws IOException {
        writer.write(head, Response.text(e.status(), e.detail() + "\n"), false);
        closeAfterSend = true;
    }

    /**
     * Writes a file or streamed body on a virtual thread: the key is cancelled, and once the
     * selector has dropped it the channel may block; afterwards the loop takes it back.
     */
    private void offload(RequestHead h, Response response, boolean persist) {
        offloaded = true;
        key.cancel();
        key = null;
        loop.afterDeregistration(() -> Thread.ofVirtual().name("http1-body-" + loop.selector().hashCode())
                .start(() -> writeBlocking(h, response, persist)));
    }

    private void writeBlocking(RequestHead h, Response response, boolean persist) {
        boolean again = false;
        try {
            channel.configureBlocking(true);
            out.blocking(true);
            out.flush(); // answers to earlier pipelined requests go first
            again = writer.write(h, response, persist && !draining()); // FileRegion: transferTo, sendfile
            out.blocking(false);
            channel.configureBlocking(false);
        } catch (IOException e) {
            log.debug("connection ended while writing a body: {}", e.toString());
            again = false;
        } catch (RuntimeException e) {
            cx.failed().accept(e);
            if (!StubReached.handle(e, log)) { // a stub: stop the program, or say it once in tests
                log.warn("connection failed: {}", e.toString());
            }
            again = false;
        }
        boolean persists = again;
        loop.execute(() -> resume(persists));
    }

    private void resume(boolean persists) {
        offloaded = false;
        if (!persists || draining() || closed.get()) {
            close();
            return;
        }
        try {
            key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        } catch (ClosedChannelException e) {
            close();
            return;
        }
        onReady(0); // requests pipelined behind the body are already buffered
    }

    /** Every tick of the loop: acts on a deadline that passed. */
    void onTick(long now) {
        if (wait == Wait.NONE || closed.get() || now - deadline < 0) {
            return;
        }
        switch (wait) {
            case IDLE, WRITE -> close(); // idle: quietly (RFC 9112 §9.5); WRITE: the client stopped reading
            case HEADER -> timedOut("header section not complete in time");
            case BODY -> timedOut("request body not received in time");
            case NONE -> { }
        }
    }

    /** RFC 9110 §15.5.9: 408, "did not receive a complete request message within the time ...". */
    private void timedOut(String detail) {
        try {
            writer.write(head, Response.text(Status.REQUEST_TIMEOUT, detail + "\n"), false);
            out.send(); // best effort: the connection closes either way
        } catch (IOException e) {
            log.debug("408 not sent: {}", e.toString());
        } catch (RuntimeException e) {
            cx.failed().accept(e);
        }
        close();
    }

    /** Graceful shutdown, on the loop: an idle connection closes now; a busy one after its response. */
    void shutdown() {
        if (!offloaded && head == null && parser.betweenMessages() && !in.hasRemaining() && out.pending() == 0) {
            close();
        }
    }

    /** Closes at once, from any thread. */
    void abort() {
        if (loop.inLoop()) {
            close();
        } else if (closed.compareAndSet(false, true)) {
            closeChannel();
            cx.closed().accept(this);
        }
    }

    /** On the loop: closes the socket and forgets the connection. */
    private void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (key != null) {
            key.cancel();
        }
        closeChannel();
        loop.removed(this);
        cx.closed().accept(this);
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    /** The server is stopping: answer the request in hand with {@code Connection: close}, take no other. */
    private boolean draining() {
        return cx.draining().getAsBoolean();
    }

    private void interest(int ops) {
        if (key != null && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private void await(Wait kind, Duration timeout) {
        wait = kind;
        deadline = loop.now() + timeout.toNanos();
    }
}
