package dev.netlab.transport;

import dev.netlab.kit.StubException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Echo on a {@link BoundedWorkerPool}: at most {@code workers} connections are served at
 * once, at most {@code queueCapacity} more wait in the queue, and the rest are refused.
 *
 * <p>Your job: one acceptor thread accepts connections and {@link BoundedWorkerPool#offer
 * offers} each one to the pool as a task that echoes it (copy input to output until -1, then
 * close; half-close as in {@link ThreadPerConnectionEchoServer}). The <b>overload policy</b>
 * is explicit: when {@code offer} returns false, close the new connection at once without
 * reading from it (the client sees end-of-stream and no echo) and count it in
 * {@link #rejected()}. Memory stays bounded however many clients arrive: the server never
 * holds more than {@code workers + queueCapacity} connections. A failed {@code accept} while
 * the server socket is open (out of file descriptors: EMFILE) does not end the acceptor: only
 * {@code stop} does; the connection waits in the kernel's backlog until a descriptor is free.
 *
 * <p>{@code stop(grace)}: close the server socket, {@link BoundedWorkerPool#shutdown()
 * shut the pool down} so that it drains, wait up to {@code grace} for it (never longer: an
 * idle client would hold the drain forever); then close the
 * sockets still open (queued ones included) and {@link BoundedWorkerPool#shutdownNow()}.
 */
public final class PooledEchoServer implements EchoServer {
    private final InetSocketAddress bind;

    public PooledEchoServer(InetSocketAddress bind, int workers, int queueCapacity) {
        this.bind = bind;
    }

    @Override
    public void start() {
        throw StubException.notImplemented("2.02", "echo on a bounded worker pool", "day2-tcp-udp/README.md#echo-four-ways");
    }

    @Override
    public int port() {
        throw StubException.notImplemented("2.02", "echo on a bounded worker pool", "day2-tcp-udp/README.md#echo-four-ways");
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(bind.getAddress(), port());
    }

    /** Connections refused by the overload policy since {@link #start()}. */
    public long rejected() {
        throw StubException.notImplemented("2.02", "echo on a bounded worker pool", "day2-tcp-udp/README.md#echo-four-ways");
    }

    @Override
    public void stop(Duration grace) {
        // Nothing was started by the stub, so there is nothing to stop.
    }
}
