package dev.netlab.transport;

import dev.netlab.kit.StubException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Echo with one platform thread per connection: the oldest and plainest server design.
 *
 * <p>Your job: {@link #start()} opens a {@link java.net.ServerSocket} bound to {@code bind}
 * and starts one acceptor thread. For every accepted {@link java.net.Socket} it starts a new
 * thread that copies the socket's input to its output (read a chunk, write it, repeat) until
 * {@code read} returns -1 — the client's FIN, which may be a half-close — and then closes the
 * socket, which sends the server's FIN (RFC 9293 §3.6). Keep the open sockets in a
 * concurrent set so {@link #stop(Duration)} can close the stragglers.
 *
 * <p>{@code stop}: close the server socket first (no new connections; the acceptor's
 * {@code accept} throws and the acceptor ends), wait up to {@code grace} for the connection
 * threads to end on their own, then close the sockets still open and return. A connection
 * that fails (reset, broken pipe) ends its own thread only.
 */
public final class ThreadPerConnectionEchoServer implements EchoServer {
    private final InetSocketAddress bind;

    public ThreadPerConnectionEchoServer(InetSocketAddress bind) {
        this.bind = bind;
    }

    @Override
    public void start() {
        throw StubException.notImplemented("2.01", "echo, thread per connection", "day2-tcp-udp/README.md#echo-four-ways");
    }

    @Override
    public int port() {
        throw StubException.notImplemented("2.01", "echo, thread per connection", "day2-tcp-udp/README.md#echo-four-ways");
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
