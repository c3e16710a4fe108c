package dev.netlab.transport.udp;

import dev.netlab.kit.StubException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A UDP echo server (RFC 862 over UDP): every datagram goes back, unchanged, to the address
 * and port it came from.
 *
 * <p>Your job: {@link #start()} opens a {@link java.nio.channels.DatagramChannel} (or a
 * {@link java.net.DatagramSocket}) bound to {@code bind} and starts one thread that loops:
 * {@code receive} into a buffer of {@link #MAX_DATAGRAM} octets (a smaller buffer silently
 * truncates bigger datagrams), then {@code send} exactly the bytes received back to the
 * sender. There are no connections: one socket serves every client. An empty datagram is a
 * datagram too. {@link #stop(Duration)} closes the socket (which ends the thread's
 * {@code receive} with an exception) and waits for the thread.
 *
 * <p>Under abuse (checkpoint 2.16): floods of datagrams of every size up to {@link #MAX_DATAGRAM}
 * and senders that are gone before their answer arrives must not stop the loop or slow it — a
 * failed {@code send} is skipped, not fatal — and the server keeps no state per sender, so a
 * well-behaved client beside the flood keeps getting its answers.
 */
public final class UdpEchoServer implements AutoCloseable {
    /** The largest UDP payload over IPv4: 65,535 − 20 (IPv4 header) − 8 (UDP header). */
    public static final int MAX_DATAGRAM = 65_507;

    private final InetSocketAddress bind;

    public UdpEchoServer(InetSocketAddress bind) {
        this.bind = bind;
    }

    /** Binds and starts answering; returns once datagrams are received. */
    public void start() {
        throw StubException.notImplemented("2.10", "UDP echo and a client with retries", "day2-tcp-udp/README.md#udp");
    }

    /** The local port bound by {@link #start()}. */
    public int port() {
        throw StubException.notImplemented("2.10", "UDP echo and a client with retries", "day2-tcp-udp/README.md#udp");
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(bind.getAddress(), port());
    }

    /** Closes the socket and waits at most {@code grace} for the receiving thread. */
    public void stop(Duration grace) {
        // Nothing was started by the stub, so there is nothing to stop.
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }
}
