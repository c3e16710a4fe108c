package dev.netlab.chat.web;

import dev.netlab.http1.HeaderFields;
import dev.netlab.http1.HttpException;
import dev.netlab.http1.Limits;
import dev.netlab.http1.ParseEvent;
import dev.netlab.http1.RequestHead;
import dev.netlab.http1.RequestParser;
import dev.netlab.http1.Response;
import dev.netlab.http1.ResponseWriter;
import dev.netlab.http1.Status;
import dev.netlab.kit.StubException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP/1.1 connection of the chat server (given), on its own virtual thread, over any
 * {@link Socket} — a plain one now, an {@code SSLSocket} once day 4 terminates TLS in front.
 * It drives YOUR day-3 {@link RequestParser} and {@link ResponseWriter} and knows one thing
 * day 3's server does not: {@code Upgrade}. Each request head goes through
 * {@link UpgradeRouter} (your 7.06): pages are answered here; a WebSocket handshake hands the
 * socket, with any octets already read past the head, to the {@link WebSocketUpgrade}.
 *
 * <pre>
 *   IDLE ──first octet──► HEAD (one deadline) ──► route ──┬─ Page/Refuse: answer ──► IDLE or close
 *                                                         └─ WebSocket: hand over, never back
 * </pre>
 */
final class ChatHttpConnection {
    private enum State { IDLE, BUSY, UPGRADED, CLOSED }

    private final Socket socket;
    /** The TCP socket under {@code socket} (the same one without TLS): see {@link Upgraded}. */
    private final Socket tcp;
    private final ChatHttpServer.Config config;
    private final Clock clock;
    /** The request buffer; dropped (null) once a WebSocket takes the connection over. */
    private ByteBuffer buffer;
    private final AtomicReference<State> state = new AtomicReference<>(State.IDLE);
    private volatile boolean draining;
    private InputStream in;

    ChatHttpConnection(Socket socket, Socket tcp, ChatHttpServer.Config config, Clock clock) {
        this.socket = socket;
        this.tcp = tcp;
        this.config = config;
        this.clock = clock;
        this.buffer = ByteBuffer.allocate(16 * 1024).flip();
    }

    void run() {
        try {
            in = socket.getInputStream();
            Upgraded upgraded = serveHttp();
            if (upgraded != null) {
                // Only now, with the HTTP/1.1 state (16 KiB request buffer, response buffer, parser,
                // writer) unreachable: the WebSocket lives as long as the connection, and a chat
                // keeps thousands of them (the chat bench measures the heap per connection).
                config.upgrade().take(upgraded);
            }
        } catch (StubException e) {
            config.notice().report(e);
        } catch (IOException e) {
            // the client went away or timed out: nothing to answer
        } finally {
            state.set(State.CLOSED);
            closeQuietly(); // after an upgrade too: the WebSocket is over when take() returns
        }
    }

    /**
     * Requests until the connection closes (null) or a WebSocket handshake passes the routing:
     * then the handover, which holds only what the WebSocket needs — the socket's own streams,
     * a copy of the octets read past the head — never this method's buffers.
     */
    private Upgraded serveHttp() throws IOException {
        // grows from 512 octets to 8 KiB as responses need it (the JDK's sizing on a virtual thread)
        OutputStream out = new BufferedOutputStream(socket.getOutputStream());
        ResponseWriter writer = new ResponseWriter(out, Channels.newChannel(out), clock);
        RequestParser parser = new RequestParser(config.limits());
        while (awaitRequest()) {
            Served served = serveOne(parser, writer);
            if (served instanceof Handshake h) {
                out.flush();
                byte[] early = new byte[buffer.remaining()];
                buffer.get(early);
                buffer = null;
                OutputStream raw = socket.getOutputStream();
                return new Upgraded(h.head(), h.view(), h.endpoint(), socket, tcp, in, raw,
                        ByteBuffer.wrap(early), new ResponseWriter(raw, Channels.newChannel(raw), clock));
            }
            if (served == Answered.CLOSE || !state.compareAndSet(State.BUSY, State.IDLE) || draining) {
                return null;
            }
        }
        return null;
    }

    /** Waits for the first octet of a request (the idle timeout); false to close. */
    private boolean awaitRequest() throws IOException {
        if (!buffer.hasRemaining()) {
            if (draining || !fill(config.limits().idleTimeout().toMillis())) {
                return false;
            }
        }
        return state.compareAndSet(State.IDLE, State.BUSY);
    }

    /** What one request leaves the connection to do: the next request, close, or the handover. */
    private sealed interface Served permits Answered, Handshake {}

    /** Answered here: keep the connection open for the next request, or close it. */
    private enum Answered implements Served { KEEP_OPEN, CLOSE }

    /** A request that passed the routing as a WebSocket handshake, for the handover. */
    private record Handshake(RequestHead head, HeadView view, Endpoint endpoint) implements Served {}

    private static Served answered(boolean keepOpen) {
        return keepOpen ? Answered.KEEP_OPEN : Answered.CLOSE;
    }

    /** One request, answered here or (a WebSocket handshake) left for the caller to hand over. */
    private Served serveOne(RequestParser parser, ResponseWriter writer) throws IOException {
        RequestHead head = null;
        try {
            head = readHead(parser);
            HeadView view = view(head);
            Route route = config.router().route(view);
            readToComplete(parser); // page requests have no body worth keeping; a handshake has none
            boolean keepAlive = keepAlive(head) && !draining;
            return switch (route) {
                case Route.Page p -> answered(writer.write(head, config.site().handle(head.method(), view.path()), keepAlive));
                case Route.Refuse r -> {
                    Response response = Response.text(Status.of(r.status()), r.reason() + "\n");
                    r.headers().forEach(f -> response.header(f.name(), f.value()));
                    yield answered(writer.write(head, config.site().harden(response), keepAlive));
                }
                case Route.WebSocket w -> {
                    state.set(State.UPGRADED);
                    yield new Handshake(head, view, w.endpoint());
                }
            };
        } catch (HttpException e) {
            // a parse error leaves the framing unknown: answer it and close (RFC 9112 §6.3)
            writer.write(head, config.site().harden(Response.text(e.status(), e.detail() + "\n")), false);
            return Answered.CLOSE;
        }
    }

    /** The head, within one header deadline from its first octet (slowloris gets 408). */
    private RequestHead readHead(RequestParser parser) throws IOException, HttpException {
        long deadline = System.nanoTime() + config.limits().headerTimeout().toNanos();
        while (true) {
            ParseEvent e = parser.next(buffer);
            if (e instanceof ParseEvent.Head h) {
                return h.head();
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0 || !fill(left)) {
                if (left <= 0 || timedOut) {
                    throw HttpException.closing(Status.REQUEST_TIMEOUT, "header section not complete in time");
                }
                throw new IOException("client closed in the middle of a request head");
            }
        }
    }

    /** Reads (and drops) the body to the Complete event: bounded by the parser's body limit and the idle timeout. */
    private void readToComplete(RequestParser parser) throws IOException, HttpException {
        while (true) {
            ParseEvent e = parser.next(buffer);
            if (e instanceof ParseEvent.Complete) {
                return;
            }
            if (e instanceof ParseEvent.NeedMore && !fill(config.limits().idleTimeout().toMillis())) {
                if (timedOut) {
                    throw HttpException.closing(Status.REQUEST_TIMEOUT, "request body not received in time");
                }
                throw new IOException("client closed in the middle of a request body");
            }
        }
    }

    private boolean timedOut;

    /** One read into the buffer, waiting at most {@code millis}; false at end of stream or timeout. */
    private boolean fill(long millis) throws IOException {
        timedOut = false;
        buffer.compact();
        try {
            if (!buffer.hasRemaining()) {
                return false; // a full buffer the parser did not consume: nothing more will help
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, millis)));
            int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            if (n <= 0) {
                return false;
            }
            buffer.position(buffer.position() + n);
            return true;
        } catch (SocketTimeoutException e) {
            timedOut = true;
            return false;
        } finally {
            buffer.flip();
        }
    }

    /** RFC 9112 §9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 closes unless "keep-alive". */
    private static boolean keepAlive(RequestHead head) {
        HeaderFields h = head.headers();
        if (h.containsToken("Connection", "close")) {
            return false;
        }
        return head.version().persistentByDefault() || h.containsToken("Connection", "keep-alive");
    }

    /** Day 3's head as the routing's view. */
    static HeadView view(RequestHead head) {
        List<HeadView.Field> fields = new ArrayList<>(head.headers().size());
        for (HeaderFields.Field f : head.headers().fields()) {
            fields.add(new HeadView.Field(f.name(), f.value()));
        }
        return new HeadView(head.method(), head.target().raw(), fields);
    }

    /** Whether a WebSocket took the connection over. */
    boolean upgraded() {
        return state.get() == State.UPGRADED;
    }

    /**
     * Graceful shutdown from another thread: an idle connection ends now, a busy one after its
     * response. Not by closing {@code socket} from here: an {@code SSLSocket}'s close waits for
     * the lock of its output, which the connection's own read can hold while idle (it answers a
     * client's KeyUpdate, RFC 8446 §4.6.3, and a client that reads nothing keeps that write
     * waiting). The TCP input is shut instead, which never waits: the own thread's read sees end
     * of stream and that thread closes, close_notify first (RFC 8446 §6.1). See {@link OwnThreadClose}.
     */
    void shutdown() {
        draining = true;
        if (state.compareAndSet(State.IDLE, State.CLOSED)) {
            OwnThreadClose.wake(tcp);
        }
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}
