package dev.netlab.transport;

import java.net.InetSocketAddress;

/**
 * The four ways day 2 serves many TCP clients at once; each makes an {@link EchoServer}.
 * The programs and the tests pick a model by name.
 */
public enum ServerModel {
    /** One platform thread per connection: simple, and falls over at thousands of clients. */
    THREADS("echo-threads"),
    /** A fixed set of worker threads fed by a bounded queue, with an explicit overload policy. */
    POOL("echo-pool"),
    /** One virtual thread per connection: the simple code of {@link #THREADS} at scale. */
    VIRTUAL("echo"),
    /** One thread, non-blocking channels and a {@link java.nio.channels.Selector}. */
    SELECTOR("echo-nio");

    /** Defaults of the pool model: workers, queued connections, and what to do when full. */
    public static final int POOL_WORKERS = 16;
    public static final int POOL_QUEUE = 64;
    /** Default per-connection output bound of the selector model, in bytes. */
    public static final int SELECTOR_OUTPUT_BOUND = 64 * 1024;

    private final String program;

    ServerModel(String program) {
        this.program = program;
    }

    /** The program name for {@code ./lab run day2-tcp-udp <name>}. */
    public String program() {
        return program;
    }

    /** A new, not yet started server of this model on {@code bind}. */
    public EchoServer create(InetSocketAddress bind) {
        return switch (this) {
            case THREADS -> new ThreadPerConnectionEchoServer(bind);
            case POOL -> new PooledEchoServer(bind, POOL_WORKERS, POOL_QUEUE);
            case VIRTUAL -> new VirtualThreadEchoServer(bind);
            case SELECTOR -> new SelectorEchoServer(bind, SELECTOR_OUTPUT_BOUND);
        };
    }
}
