package dev.netlab.transport.kv;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.netlab.transport.ConnectionDeadlines;
import dev.netlab.transport.TcpServer;
import dev.netlab.transport.TimeoutKind;
import dev.netlab.transport.frame.FrameDecoder;
import dev.netlab.transport.frame.FrameEncoder;
import dev.netlab.transport.frame.FrameError;
import dev.netlab.transport.frame.FrameException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves a {@link KvStore}: a virtual thread per connection, frames in, frames out, in order;
 * a watchdog closes connections whose idle, request or write deadline passed.
 */
public final class KvServer implements TcpServer {
    public static final int MAX_FRAME = 64 * 1024;
    private static final byte[] TOO_LONG = "-ERR frame too long".getBytes(UTF_8);

    private final InetSocketAddress bind;
    /** Answers waiting beyond this many octets are written before the rest of the read is decoded. */
    static final int FLUSH_AT = 64 * 1024;

    /** How often the watchdog looks at the deadlines: the precision of every timeout. */
    private static final long WATCHDOG_MILLIS = 20;

    private final KvStore store;
    private final KvLimits limits;
    private final Clock clock = Clock.systemUTC();
    private final Map<Socket, ConnectionDeadlines> open = new ConcurrentHashMap<>();
    private final Map<TimeoutKind, AtomicLong> timeouts = new EnumMap<>(TimeoutKind.class);
    private volatile ServerSocket server;
    private Thread acceptor;
    private Thread watchdog;

    public KvServer(InetSocketAddress bind, KvStore store) {
        this(bind, store, KvLimits.DEFAULT);
    }

    public KvServer(InetSocketAddress bind, KvStore store, KvLimits limits) {
        this.bind = bind;
        this.store = store;
        this.limits = limits;
        for (TimeoutKind k : TimeoutKind.values()) {
            timeouts.put(k, new AtomicLong());
        }
    }

    public long timeouts(TimeoutKind kind) {
        return timeouts.get(kind).get();
    }

    @Override
    public void start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(bind, 1024);
        server = s;
        acceptor = Thread.ofPlatform().name("kv-acceptor").start(() -> {
            Thread.Builder connections = Thread.ofVirtual().name("kv-", 1);
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    ConnectionDeadlines deadlines = new ConnectionDeadlines(clock,
                            limits.idleTimeout(), limits.requestDeadline(), limits.writeDeadline());
                    open.put(socket, deadlines);
                    connections.start(() -> serve(socket, deadlines));
                } catch (IOException e) {
                    // closed by stop(), or a failed accept: the loop condition decides
                }
            }
        });
        watchdog = Thread.ofPlatform().name("kv-watchdog").daemon().start(this::watch);
    }

    /** Closes every connection whose deadline passed; closing unblocks its thread's read or write. */
    private void watch() {
        while (!server.isClosed() || !open.isEmpty()) {
            for (Map.Entry<Socket, ConnectionDeadlines> e : open.entrySet()) {
                Optional<TimeoutKind> expired;
                synchronized (e.getValue()) {
                    expired = e.getValue().expired();
                }
                if (expired.isPresent() && open.remove(e.getKey()) != null) {
                    timeouts.get(expired.get()).incrementAndGet();
                    closeQuietly(e.getKey());
                }
            }
            try {
                Thread.sleep(WATCHDOG_MILLIS);
            } catch (InterruptedException ie) {
                return;
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    /** Writes the answers gathered so far under the write deadline. */
    private static void flush(ByteArrayOutputStream answers, OutputStream out, ConnectionDeadlines deadlines) throws IOException {
        synchronized (deadlines) {
            deadlines.writeStarted();
        }
        answers.writeTo(out);
        answers.reset();
        synchronized (deadlines) {
            deadlines.writeComplete();
        }
    }

    private void serve(Socket socket, ConnectionDeadlines deadlines) {
        FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
        FrameEncoder encoder = new FrameEncoder(MAX_FRAME);
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] chunk = new byte[16 * 1024];
            ByteArrayOutputStream answers = new ByteArrayOutputStream();
            int n;
            while ((n = in.read(chunk)) != -1) {
                synchronized (deadlines) {
                    deadlines.readProgress();
                }
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                try {
                    byte[] request;
                    while ((request = decoder.decode(buffer)) != null) {
                        synchronized (deadlines) {
                            deadlines.requestComplete();
                        }
                        // A response always fits: "$value" is shorter than the "SET key value" that stored it.
                        answers.writeBytes(encoder.encode(store.execute(request)));
                        if (answers.size() >= FLUSH_AT) {
                            // 16 KiB of pipelined "GET big" asks for ~90 MB of answers: write as we
                            // go, so one read never becomes more than FLUSH_AT (+ one answer) of heap
                            flush(answers, out, deadlines);
                        }
                    }
                } catch (FrameException e) {
                    if (e.code() == FrameError.FRAME_TOO_LONG) {
                        answers.writeBytes(encoder.encode(TOO_LONG));
                    }
                    answers.writeTo(out);
                    return; // out of sync: close
                }
                if (answers.size() > 0) {
                    // One write per read: pipelined requests are answered together, in order.
                    flush(answers, out, deadlines);
                }
                if (decoder.inFrame()) {
                    synchronized (deadlines) {
                        deadlines.readProgress(); // the next request has begun: its deadline runs from now,
                        // after our own write, so a slow write is judged by the write deadline alone
                    }
                }
            }
        } catch (IOException e) {
            // reset or closed by stop(): this connection only
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(bind.getAddress(), port());
    }

    @Override
    public void stop(Duration grace) {
        ServerSocket s = server;
        if (s == null) {
            return;
        }
        try {
            s.close();
            long deadline = System.nanoTime() + grace.toNanos();
            while (!open.isEmpty() && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
            for (Socket socket : open.keySet()) {
                socket.close();
            }
            open.clear();
            acceptor.join(1000);
            watchdog.join(1000);
        } catch (IOException e) {
            // closing is best effort
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
