package dev.netlab.transport;

import dev.netlab.kit.StubException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Echo with one virtual thread per connection (JEP 444, Java 21): the code of
 * {@link ThreadPerConnectionEchoServer}, but a blocked read parks a cheap virtual thread
 * instead of holding an operating-system thread, so ten thousand idle clients cost little.
 *
 * <p>Your job: as in the thread-per-connection server, with
 * {@code Thread.ofVirtual().name("echo-", 0).start(...)} (or an
 * {@code Executors.newVirtualThreadPerTaskExecutor()}) for the connections. Echo until -1,
 * then close (half-close). {@code stop(grace)}: stop accepting, wait up to {@code grace} for
 * the connections, close the rest.
 */
public final class VirtualThreadEchoServer implements EchoServer {
    private final InetSocketAddress bind;

    public VirtualThreadEchoServer(InetSocketAddress bind) {
        this.bind = bind;
    }

    @Override
    public void start() {
        throw StubException.notImplemented("2.03", "echo on virtual threads", "day2-tcp-udp/README.md#echo-four-ways");
    }

    @Override
    public int port() {
        throw StubException.notImplemented("2.03", "echo on virtual threads", "day2-tcp-udp/README.md#echo-four-ways");
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
