package dev.netlab.transport.udp;

import dev.netlab.kit.StubException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A request/response client over UDP with a timeout and bounded retries — the shape of a DNS
 * or NTP client.
 *
 * <p>Your job: open a {@link java.nio.channels.DatagramChannel} and {@code connect} it to the
 * server. Connected, the kernel drops datagrams from anyone else, and — the point of it — an
 * ICMP port unreachable that answers one of our datagrams (RFC 792; RFC 1122 §4.1.3.3: UDP
 * MUST pass ICMP errors up to the application) surfaces on the next {@code receive} as a
 * {@link java.net.PortUnreachableException}. An unconnected socket never tells you.
 *
 * <p>{@link #request(byte[])} sends the payload and waits up to {@code timeout} for the
 * reply; with no reply it sends again, {@code attempts} times in all, then throws
 * {@link java.net.SocketTimeoutException} saying how many attempts were made. A
 * {@code PortUnreachableException} is final: throw it at once, no retries (nobody listens).
 * Waiting with a timeout on a channel: a {@link java.nio.channels.Selector}, or the channel's
 * {@code socket()} adaptor with {@code setSoTimeout}. Empty payloads: the JDK's connected
 * {@code DatagramChannel} sends nothing at all for an empty buffer, so refuse an empty request
 * with {@link IllegalArgumentException}. Replies may be empty, though: on a non-blocking
 * channel {@code read} returns 0 both for "nothing waiting" and for an empty datagram, while
 * {@code receive} returns null for the first.
 */
public final class UdpClient implements AutoCloseable {
    public UdpClient(InetSocketAddress server, Duration timeout, int attempts) throws IOException {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** Sends {@code payload} (not empty) and returns the reply, retrying on timeouts. */
    public byte[] request(byte[] payload) throws IOException {
        throw StubException.notImplemented("2.10", "UDP echo and a client with retries", "day2-tcp-udp/README.md#udp");
    }

    /** Datagrams sent by this client so far (first attempts and retries). */
    public int sent() {
        throw StubException.notImplemented("2.10", "UDP echo and a client with retries", "day2-tcp-udp/README.md#udp");
    }

    @Override
    public void close() throws IOException {
        // Nothing was opened by the stub.
    }
}
