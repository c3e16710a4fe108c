package dev.netlab.http1.server;

import dev.netlab.http1.Handler;
import dev.netlab.http1.Limits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * A running HTTP/1.1 server (given), whichever {@link Engine} moves its octets. Both engines
 * run the learner's {@link dev.netlab.http1.RequestParser} and
 * {@link dev.netlab.http1.ResponseWriter}; they differ in who waits for the network.
 */
public interface Server extends AutoCloseable {
    /** How connections are served. */
    enum Engine {
        /**
         * {@link Http1Server}: one virtual thread per connection running the learner's
         * {@link HttpConnection}, straight-line blocking code (checkpoints 3.09, 3.10).
         */
        THREADS,
        /**
         * {@link LoopServer}: one event loop per core, each a {@code Selector} serving many
         * non-blocking connections ({@link LoopConnection}); a virtual thread only for a body
         * that cannot be written without blocking (a file, a streamed body).
         */
        LOOP;

        /** "threads" or "loop", any case. */
        public static Engine named(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** The default connection cap of both engines; more wait in the kernel's accept backlog. */
    int DEFAULT_MAX_CONNECTIONS = 2_000;

    static Server start(Engine engine, InetSocketAddress bind, Handler handler, Limits limits) throws IOException {
        return start(engine, bind, handler, limits, Clock.systemUTC(), DEFAULT_MAX_CONNECTIONS);
    }

    static Server start(Engine engine, InetSocketAddress bind, Handler handler, Limits limits, Clock clock,
                        int maxConnections) throws IOException {
        return switch (engine) {
            case THREADS -> Http1Server.start(bind, handler, limits, clock, maxConnections);
            case LOOP -> LoopServer.start(bind, handler, limits, clock, maxConnections);
        };
    }

    /** The port listened on (also after the stop). */
    int port();

    InetSocketAddress address();

    /** The first unexpected exception a connection threw (a bug or a stub), or null: tests report it. */
    RuntimeException firstFailure();

    /** Connections accepted since the start. */
    int connectionsAccepted();

    /** Connections open right now. */
    int openConnections();

    /**
     * Graceful stop: refuses new connections, lets each connection finish the request in
     * flight and close (idle ones close at once), waits up to {@code grace}, then closes
     * whatever is left.
     */
    void stopGracefully(Duration grace);

    /** Stops at once: {@link #stopGracefully} with no grace. */
    @Override
    void close();
}
