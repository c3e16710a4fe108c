package dev.netlab.transport.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;

/** Request/response over a connected DatagramChannel: timeout, bounded retries, ICMP errors surfaced. */
public final class UdpClient implements AutoCloseable {
    private final DatagramChannel channel;
    private final Selector selector;
    private final Duration timeout;
    private final int attempts;
    private int sent;

    public UdpClient(InetSocketAddress server, Duration timeout, int attempts) throws IOException {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.timeout = timeout;
        this.attempts = attempts;
        this.channel = DatagramChannel.open();
        try {
            // Connected: only the server's datagrams are received, and ICMP errors reach us
            // (RFC 1122 §4.1.3.3: UDP MUST pass ICMP error messages up to the application).
            channel.connect(server);
            channel.configureBlocking(false);
            this.selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    public byte[] request(byte[] payload) throws IOException {
        if (payload.length == 0) {
            // The JDK's connected DatagramChannel sends nothing at all for an empty buffer
            // (checked on JDK 21-25): refuse rather than wait for a reply that cannot come.
            throw new IllegalArgumentException("an empty request cannot be sent on a connected DatagramChannel");
        }
        ByteBuffer reply = ByteBuffer.allocate(UdpEchoServer.MAX_DATAGRAM);
        for (int attempt = 1; attempt <= attempts; attempt++) {
            channel.write(ByteBuffer.wrap(payload));
            sent++;
            long deadline = System.nanoTime() + timeout.toNanos();
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
                reply.clear();
                // receive() returns null when no datagram is waiting (read() would return 0 both
                // for that and for an empty datagram). On a connected channel a pending ICMP port
                // unreachable is thrown here as PortUnreachableException: final, so no retry.
                if (channel.receive(reply) != null) {
                    return Arrays.copyOf(reply.array(), reply.position());
                }
            }
        }
        throw new SocketTimeoutException("no reply after " + attempts + " attempt(s) of " + timeout.toMillis() + " ms each");
    }

    public int sent() {
        return sent;
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
