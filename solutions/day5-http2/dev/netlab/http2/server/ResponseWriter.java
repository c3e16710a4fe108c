package dev.netlab.http2.server;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.http2.hpack.HeaderField;
import dev.netlab.http2.hpack.HpackEncoder;
import dev.netlab.http2.hpack.OctetBuffer;
import dev.netlab.http2.stream.ResponseFrames;
import dev.netlab.http2.stream.StreamEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sending side of a connection's streams: runs a handler, encodes its response with the
 * connection's one HPACK encoder (blocks must reach the peer in the order they were encoded,
 * so encoding and queueing happen under one lock), and sends the content within the peer's
 * SETTINGS_MAX_FRAME_SIZE and both flow-control windows, waiting for WINDOW_UPDATE when they
 * are empty.
 */
final class ResponseWriter {
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);
    /** Queued octets above which a content writer waits for the peer to read. */
    private static final int QUEUE_HIGH = 1 << 20;

    private final Http2Connection c;
    private final HpackEncoder encoder;
    private final OctetBuffer encoded = new OctetBuffer(512);
    private long dateSecond = -1;
    private String date;

    ResponseWriter(Http2Connection connection) {
        this.c = connection;
        this.encoder = new HpackEncoder(connection.config.headerTableSize());
    }

    /** The peer's settings changed. Called with the lock held. */
    void peerSettingsChanged() {
        encoder.peerMaxTableSize(c.peer.headerTableSize());
    }

    /** Runs the handler and writes what it answers. On the stream's own virtual thread. */
    void respond(Http2Stream stream, Request request) {
        Response response;
        try {
            response = c.handler.handle(request);
            if (response == null) {
                response = Response.text(500, "the handler answered nothing\n");
            }
        } catch (InterruptedException e) {
            return; // the stream was reset while the handler worked
        } catch (Exception e) {
            response = Response.text(500, "the handler failed: " + e + "\n");
        }
        if (response.tunnel() != null && request.protocol() != null) {
            tunnel(stream, response);
        } else {
            write(stream, response);
        }
    }

    /** Writes a whole response: HEADERS (+ CONTINUATION), DATA, trailers. */
    void write(Http2Stream stream, Response r) {
        try {
            byte[] body = stream.isHead ? new byte[0] : r.body();
            boolean noContent = body.length == 0 && r.trailers().isEmpty();
            List<HeaderField> fields = new ArrayList<>(r.headers().size() + 4);
            fields.add(new HeaderField(":status", Integer.toString(r.status())));
            fields.addAll(r.headers());
            if (r.status() != 204 && r.status() != 304 && r.status() >= 200) {
                fields.add(new HeaderField("content-length", Integer.toString(r.body().length)));
            }
            fields.add(new HeaderField("date", date()));
            if (!headers(stream, fields, noContent)) {
                return;
            }
            if (body.length > 0 && !data(stream, body, 0, body.length, r.trailers().isEmpty())) {
                return;
            }
            if (!r.trailers().isEmpty()) {
                headers(stream, r.trailers(), true);
            }
            finish(stream);
        } catch (IOException | InterruptedException e) {
            // the connection is going away
        }
    }

    /**
     * After the response: a client still sending a request we answered early is told to stop
     * without error (RFC 9113 §8.1: "a server MAY request that the client abort transmission of
     * a request without error by sending a RST_STREAM with an error code of NO_ERROR").
     */
    private void finish(Http2Stream stream) throws IOException {
        c.lock.lock();
        try {
            if (stream.state == dev.netlab.http2.stream.StreamState.HALF_CLOSED_LOCAL) {
                c.reset(stream.id, ErrorCode.NO_ERROR);
            }
        } finally {
            c.lock.unlock();
        }
    }

    /**
     * Runs a tunnel to its end, and makes that end reach the stream whichever way it comes: returned
     * (END_STREAM, or RST_STREAM CANCEL if a write of it still waits on another thread), or failed
     * (RST_STREAM CANCEL: RFC 8441 §5 maps a TCP reset to it, and a failed tunnel is one).
     */
    private void tunnel(Http2Stream stream, Response r) {
        try {
            List<HeaderField> fields = new ArrayList<>(r.headers().size() + 1);
            fields.add(new HeaderField(":status", "200"));
            fields.addAll(r.headers());
            if (!headers(stream, fields, false)) {
                return;
            }
            TunnelOutput tunnelOut = new TunnelOutput(stream);
            try {
                r.tunnel().run(stream.tunnelInput, tunnelOut);
            } catch (IOException | RuntimeException e) {
                tunnelOut.abort();
                return;
            }
            tunnelOut.close();
            // the tunnel is over and our side ended: a client that keeps its side open would keep
            // the stream's place and whatever DATA it sends into an input nobody reads (up to the
            // stream's window each): RST_STREAM NO_ERROR, as after a complete response (§8.1)
            finish(stream);
        } catch (IOException e) {
            resetQuietly(stream, ErrorCode.CANCEL);
        }
    }

    /** Encodes and queues a field block. False when the stream can no longer send. */
    boolean headers(Http2Stream stream, List<HeaderField> fields, boolean endStream) throws IOException {
        c.lock.lock();
        try {
            if (!stream.state.canSend() || c.closed) {
                return false;
            }
            encoded.reset();
            encoder.encode(fields, encoded);
            c.out.frames(ResponseFrames.headers(stream.id, encoded.toByteArray(), endStream, c.peer.maxFrameSize()));
            stream.state = stream.state.next(StreamEvent.SEND_HEADERS, stream.id);
            if (endStream) {
                stream.state = stream.state.next(StreamEvent.SEND_END_STREAM, stream.id);
                c.closeIfDone(stream);
            }
            return true;
        } catch (Http2Exception e) {
            throw new IllegalStateException(e);
        } finally {
            c.lock.unlock();
        }
    }

    /**
     * Sends {@code length} octets of content as DATA frames, each as large as the peer's frame
     * size and both windows allow, waiting for credit when there is none (RFC 9113 §6.9.1).
     * False when the stream was reset or the wait took longer than the stall timeout.
     */
    boolean data(Http2Stream stream, byte[] b, int offset, int length, boolean endStream) throws IOException, InterruptedException {
        int at = offset;
        int end = offset + length;
        while (true) {
            if (c.out.queued() > QUEUE_HIGH && !c.out.awaitBelow(QUEUE_HIGH / 4, c.config.stallTimeout())) {
                resetQuietly(stream, ErrorCode.CANCEL);
                return false;
            }
            c.lock.lock();
            try {
                long deadline = System.nanoTime() + c.config.stallTimeout().toNanos();
                while (true) {
                    if (!stream.state.canSend() || c.closed) {
                        return false;
                    }
                    if (at == end) {
                        // only an empty content with END_STREAM gets here (END_STREAM on an empty DATA)
                        c.out.data(stream.id, b, at, 0, endStream);
                        return sent(stream, endStream);
                    }
                    int n = ResponseFrames.nextData(end - at, c.peer.maxFrameSize(), c.sendWindow, stream.sendWindow);
                    if (n > 0) {
                        boolean last = at + n == end;
                        c.out.data(stream.id, b, at, n, last && endStream);
                        at += n;
                        if (last) {
                            return sent(stream, endStream);
                        }
                        break; // let others in between frames
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        // a zero-window stall: the peer gives no credit; give the stream up
                        c.reset(stream.id, ErrorCode.CANCEL);
                        return false;
                    }
                    c.changed.awaitNanos(left);
                }
            } finally {
                c.lock.unlock();
            }
        }
    }

    private boolean sent(Http2Stream stream, boolean endStream) {
        try {
            stream.state = stream.state.next(StreamEvent.SEND_DATA, stream.id);
            if (endStream) {
                stream.state = stream.state.next(StreamEvent.SEND_END_STREAM, stream.id);
                c.closeIfDone(stream);
                c.changed.signalAll(); // a writer waiting for credit on this stream can send no more
            }
            return true;
        } catch (Http2Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void resetQuietly(Http2Stream stream, ErrorCode code) {
        c.lock.lock();
        try {
            if (!stream.state.isClosed() && !c.closed) {
                c.reset(stream.id, code);
            }
        } catch (IOException e) {
            // the connection is going away
        } finally {
            c.lock.unlock();
        }
    }

    private String date() {
        long second = System.currentTimeMillis() / 1000;
        if (second != dateSecond) {
            date = IMF_FIXDATE.format(ZonedDateTime.now(ZoneOffset.UTC));
            dateSecond = second;
        }
        return date;
    }

    /**
     * Why {@code stream} can send no more, as the exception a waiting or late writer gets: a reset
     * stream (RST_STREAM either way, RFC 9113 §6.4) fails it with a {@link StreamResetException}
     * carrying the code and who sent it, like the tunnel's input; otherwise an IOException naming
     * the stream. Called with the lock held.
     */
    private IOException stopped(Http2Stream stream) {
        StreamResetException r = stream.reset;
        if (r != null) {
            return new StreamResetException(r.streamId(), r.code(), r.byPeer()); // this writer's own stack trace
        }
        String why = c.closed ? "the connection closed" : "our side of it has ended (END_STREAM)";
        return new IOException("stream " + stream.id + " can send no more: " + why);
    }

    /**
     * DATA frames of a tunnel, from any thread; close() sends END_STREAM. A close while a write
     * is still in progress on another thread (waiting for credit, most likely) aborts the stream
     * instead: that write's octets can no longer all go out, so the byte stream is broken, not
     * ended, and RST_STREAM CANCEL says so (RFC 8441 §5) — and wakes the writer, which fails with
     * a {@link StreamResetException} at once rather than when the stall timeout runs out. Once the
     * stream is reset, by either side, every write fails that way and sends nothing (RFC 9113 §5.1:
     * no frame but PRIORITY on a closed stream), whether the output was closed or not.
     */
    private final class TunnelOutput extends OutputStream {
        private final Http2Stream stream;
        /** Guarded by the connection's lock, like the two below. */
        private boolean done;
        private int writing;

        TunnelOutput(Http2Stream stream) {
            this.stream = stream;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            c.lock.lock();
            try {
                if (stream.reset != null) {
                    throw stopped(stream); // reset first: a tunnel that failed is closed, but the client must hear why
                }
                if (done) {
                    throw new IOException("stream " + stream.id + ": the tunnel's output is closed");
                }
                writing++;
            } finally {
                c.lock.unlock();
            }
            try {
                if (len > 0 && !data(stream, b, off, len, false)) {
                    c.lock.lock();
                    try {
                        throw stopped(stream);
                    } finally {
                        c.lock.unlock();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c.lock.lock();
                try {
                    if (stream.reset != null) {
                        throw stopped(stream); // the client's RST_STREAM interrupts the worker too: say why
                    }
                } finally {
                    c.lock.unlock();
                }
                throw new java.io.InterruptedIOException("stream " + stream.id + ": interrupted while sending");
            } finally {
                c.lock.lock();
                try {
                    writing--;
                } finally {
                    c.lock.unlock();
                }
            }
        }

        @Override
        public void close() throws IOException {
            boolean abort;
            c.lock.lock();
            try {
                if (done) {
                    return;
                }
                done = true;
                abort = writing > 0;
            } finally {
                c.lock.unlock();
            }
            if (abort) {
                resetQuietly(stream, ErrorCode.CANCEL);
                return;
            }
            try {
                data(stream, new byte[0], 0, 0, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The tunnel failed: RST_STREAM CANCEL, and every write, waiting or later, fails. */
        void abort() {
            c.lock.lock();
            try {
                done = true;
            } finally {
                c.lock.unlock();
            }
            resetQuietly(stream, ErrorCode.CANCEL);
        }
    }
}
