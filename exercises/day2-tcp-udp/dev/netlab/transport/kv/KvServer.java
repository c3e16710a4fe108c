package dev.netlab.transport.kv;

import dev.netlab.kit.StubException;
import dev.netlab.transport.TcpServer;
import dev.netlab.transport.TimeoutKind;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Serves a {@link KvStore} over TCP, one frame per request and per response.
 *
 * <p>Your job: a virtual thread per connection (as in 2.03). Each reads chunks from the socket
 * into a {@link java.nio.ByteBuffer} and feeds them to its own
 * {@link dev.netlab.transport.frame.FrameDecoder}; for every complete request it appends
 * {@code store.execute(request)}, framed by a {@link dev.netlab.transport.frame.FrameEncoder},
 * to the output, and flushes once per read: pipelined requests are answered in order, in as
 * few writes as possible — but write what you have as soon as 64 KiB of answers wait, before
 * decoding more (16 KiB of pipelined {@code GET big} asks for ~90 MB of answers: never let one
 * read become that much heap). On {@code FRAME_TOO_LONG} write the frame {@code -ERR frame too long}
 * and close; at end of stream (the client's FIN) close — a half frame left behind just ends
 * the connection. One connection's error never affects another. {@code stop(grace)} as in
 * the echo servers.
 *
 * <p>Then (checkpoint 2.09) the {@link KvLimits}: give each connection a
 * {@link dev.netlab.transport.ConnectionDeadlines} on the system clock and report to it
 * (bytes read, request complete, write started, write complete; then, if the read left a
 * partial frame, the next request has begun — mark it after your write, so that a slow write
 * is judged by the write deadline alone). A blocking {@code write} cannot time out by
 * itself, so one watchdog thread checks every connection's {@code expired()} every few
 * milliseconds and closes the socket whose deadline passed (that unblocks its read or write
 * with an exception), counting it in {@link #timeouts(TimeoutKind)}. Synchronise on the
 * deadlines object: two threads use it. Nobody else waits while one client is slow.
 */
public final class KvServer implements TcpServer {
    /** The largest request or response payload, in octets. */
    public static final int MAX_FRAME = 64 * 1024;

    private final InetSocketAddress bind;

    /** A server with {@link KvLimits#DEFAULT}. */
    public KvServer(InetSocketAddress bind, KvStore store) {
        this(bind, store, KvLimits.DEFAULT);
    }

    public KvServer(InetSocketAddress bind, KvStore store, KvLimits limits) {
        this.bind = bind;
    }

    /** Connections closed because this kind of deadline passed, since {@link #start()}. */
    public long timeouts(TimeoutKind kind) {
        throw StubException.notImplemented("2.09", "slow clients against the key-value server", "day2-tcp-udp/README.md#timeouts-and-slow-clients");
    }

    @Override
    public void start() {
        throw StubException.notImplemented("2.07", "a key-value protocol over frames", "day2-tcp-udp/README.md#a-key-value-protocol");
    }

    @Override
    public int port() {
        throw StubException.notImplemented("2.07", "a key-value protocol over frames", "day2-tcp-udp/README.md#a-key-value-protocol");
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(bind.getAddress(), port());
    }

    @Override
    public void stop(Duration grace) {
        // Nothing was started by the stub, so there is nothing to stop.
    }
}
