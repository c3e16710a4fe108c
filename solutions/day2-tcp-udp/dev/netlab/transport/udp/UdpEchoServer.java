package dev.netlab.transport.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

/** UDP echo: every datagram back to its sender, unchanged; one socket, one thread, no connections. */
public final class UdpEchoServer implements AutoCloseable {
    public static final int MAX_DATAGRAM = 65_507;

    private final InetSocketAddress bind;
    private DatagramChannel channel;
    private Thread loop;

    public UdpEchoServer(InetSocketAddress bind) {
        this.bind = bind;
    }

    public void start() throws IOException {
        channel = DatagramChannel.open();
        channel.bind(bind);
        loop = Thread.ofPlatform().name("udp-echo").daemon().start(this::run);
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM); // smaller would silently truncate
        while (channel.isOpen()) {
            try {
                buffer.clear();
                SocketAddress from = channel.receive(buffer); // blocking: one whole datagram
                buffer.flip();
                channel.send(buffer, from);
            } catch (ClosedChannelException e) {
                return; // stop()
            } catch (IOException e) {
                // one failed send (e.g. an ICMP error from an earlier reply) must not stop the server
            }
        }
    }

    public int port() {
        return channel.socket().getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(bind.getAddress(), port());
    }

    public void stop(Duration grace) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
            loop.join(grace);
        } catch (IOException e) {
            // closing is best effort
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }
}
