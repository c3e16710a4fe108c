package dev.netlab.transport;

import dev.netlab.kit.StubException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Echo on one thread with non-blocking channels and a {@link java.nio.channels.Selector}:
 * the event loop under Netty, nginx and Node.js.
 *
 * <p>Your job: {@link #start()} opens a non-blocking {@link java.nio.channels.ServerSocketChannel},
 * registers it for {@code OP_ACCEPT} and starts one thread running the loop:
 * <ul>
 *   <li><b>accept</b>: accept every pending connection, make it non-blocking, register it
 *       for {@code OP_READ} with a per-connection state attached (an output buffer);
 *   <li><b>read</b>: read into the output buffer; -1 means the client half-closed — stop
 *       reading, and close once the buffer is written out;
 *   <li><b>write</b>: a non-blocking {@code write} may take only part of the buffer (a
 *       <em>partial write</em>): keep the rest (new bytes go behind what is still owed: the
 *       echo stays in order) and register {@code OP_WRITE}; when the buffer
 *       is empty drop {@code OP_WRITE} again (a socket is almost always writable, so leaving
 *       it on spins the loop);
 *   <li><b>backpressure</b>: a connection never holds more than {@code outputBound} bytes
 *       not yet written back. When its buffer is full, stop reading from it (drop
 *       {@code OP_READ}) until writes make room: a client that sends without reading then
 *       fills the kernel buffers and blocks, instead of filling this server's memory.
 * </ul>
 * {@link #bufferedBytes()} reports the bytes held across all open connections. A failing
 * connection (reset) is closed alone, and the bytes still owed to it are no longer counted. {@code stop(grace)}: close the server channel, let the
 * loop run up to {@code grace} while connections finish, then close them all and end the loop
 * ({@code selector.wakeup()} interrupts a blocked {@code select}).
 */
public final class SelectorEchoServer implements EchoServer {
    private final InetSocketAddress bind;

    public SelectorEchoServer(InetSocketAddress bind, int outputBound) {
        this.bind = bind;
    }

    @Override
    public void start() {
        throw StubException.notImplemented("2.04", "echo on an NIO selector", "day2-tcp-udp/README.md#echo-four-ways");
    }

    @Override
    public int port() {
        throw StubException.notImplemented("2.04", "echo on an NIO selector", "day2-tcp-udp/README.md#echo-four-ways");
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(bind.getAddress(), port());
    }

    /** Bytes read from clients and not yet written back, summed over the open connections. */
    public long bufferedBytes() {
        throw StubException.notImplemented("2.04", "echo on an NIO selector", "day2-tcp-udp/README.md#echo-four-ways");
    }

    @Override
    public void stop(Duration grace) {
        // Nothing was started by the stub, so there is nothing to stop.
    }
}
