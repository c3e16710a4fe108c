package dev.netlab.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The life cycle every TCP server of day 2 shares, so one test class and one program can
 * drive any of them:
 *
 * <ol>
 *   <li>construct it with the address to bind ({@code 127.0.0.1:0} = any free port);
 *   <li>{@link #start()} binds, listens and returns once connections are being accepted (bind
 *       on the calling thread, not in the acceptor thread: a port in use is start()'s own
 *       {@link java.net.BindException});
 *   <li>{@link #port()} is the port actually bound;
 *   <li>{@link #stop(Duration)} stops accepting at once, lets open connections finish for
 *       at most {@code grace}, then closes whatever is left and returns. It is idempotent.
 * </ol>
 *
 * <p>A server never lets one client's failure (a reset, a bad frame, a timeout) stop it from
 * serving the others.
 */
public interface TcpServer extends AutoCloseable {
    /** How long {@link #close()} lets open connections finish. */
    Duration DEFAULT_GRACE = Duration.ofSeconds(2);

    /**
     * Binds, listens, and returns once connections are accepted. Call once. A port in use
     * throws {@link java.net.BindException} from here.
     */
    void start() throws IOException;

    /** The local port bound by {@link #start()}. */
    int port();

    /** The address clients connect to: the bound host and {@link #port()}. */
    InetSocketAddress address();

    /**
     * Stops accepting new connections immediately, waits at most {@code grace} for open
     * connections to finish, then closes the rest. Returns within {@code grace} plus a little.
     */
    void stop(Duration grace);

    /** {@link #stop(Duration)} with {@link #DEFAULT_GRACE}. */
    @Override
    default void close() {
        stop(DEFAULT_GRACE);
    }
}
