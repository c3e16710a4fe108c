package dev.netlab.transport.kv;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.netlab.transport.TcpServer;
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
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Serves a {@link KvStore}: a virtual thread per connection, frames in, frames out, in order. */
public final class KvServer implements TcpServer {
    public static final int MAX_FRAME = 64 * 1024;
    private static final byte[] TOO_LONG = "-ERR frame too long".getBytes(UTF_8);

    private final InetSocketAddress bind;
    private final KvStore store;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private Thread acceptor;

    public KvServer(InetSocketAddress bind, KvStore store) {
        this.bind = bind;
        this.store = store;
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
                    open.add(socket);
                    connections.start(() -> serve(socket));
                } catch (IOException e) {
                    // closed by stop(), or a failed accept: the loop condition decides
                }
            }
        });
    }

    private void serve(Socket socket) {
        FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
        FrameEncoder encoder = new FrameEncoder(MAX_FRAME);
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] chunk = new byte[16 * 1024];
            ByteArrayOutputStream answers = new ByteArrayOutputStream();
            int n;
            while ((n = in.read(chunk)) != -1) {
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                try {
                    byte[] request;
                    while ((request = decoder.decode(buffer)) != null) {
                        // A response always fits: "$value" is shorter than the "SET key value" that stored it.
                        answers.writeBytes(encoder.encode(store.execute(request)));
                    }
                } catch (FrameException e) {
                    if (e.code() == FrameError.FRAME_TOO_LONG) {
                        answers.writeBytes(encoder.encode(TOO_LONG));
                    }
                    answers.writeTo(out);
                    return; // out of sync: close
                }
                // One write per read: pipelined requests are answered together, in order.
                answers.writeTo(out);
                answers.reset();
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
            for (Socket socket : open) {
                socket.close();
            }
            acceptor.join(1000);
        } catch (IOException e) {
            // closing is best effort
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
