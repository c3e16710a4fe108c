package dev.netlab.transport.kv;

import dev.netlab.kit.StubException;
import dev.netlab.transport.TcpServer;
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
 * few writes as possible. On {@code FRAME_TOO_LONG} write the frame {@code -ERR frame too long}
 * and close; at end of stream (the client's FIN) close — a half frame left behind just ends
 * the connection. One connection's error never affects another. {@code stop(grace)} as in
 * the echo servers.
 */
public final class KvServer implements TcpServer {
    /** The largest request or response payload, in octets. */
    public static final int MAX_FRAME = 64 * 1024;

    private final InetSocketAddress bind;

    public KvServer(InetSocketAddress bind, KvStore store) {
        this.bind = bind;
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
