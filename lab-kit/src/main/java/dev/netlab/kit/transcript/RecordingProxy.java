package dev.netlab.kit.transcript;

import static dev.netlab.kit.transcript.Transcript.Direction.CLIENT_TO_SERVER;
import static dev.netlab.kit.transcript.Transcript.Direction.SERVER_TO_CLIENT;

import dev.netlab.kit.Evidence;
import dev.netlab.kit.transcript.Transcript.Direction;
import dev.netlab.kit.transcript.Transcript.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback that forwards every connection it accepts to one target and records
 * the bytes each way, one {@link Transcript} per connection: put it between a real client
 * (curl, openssl, Chromium, the JDK's HttpClient) and a server to see exactly what the client
 * sent, for example the TLS ClientHello each of them writes. Transcripts are attached to the
 * running checkpoint's {@link Evidence}, so a failing checkpoint prints them and writes them
 * as a pcap ({@link dev.netlab.kit.pcap.FlowSynthesizer}) that Wireshark opens.
 *
 * <pre>{@code
 * try (RecordingProxy proxy = RecordingProxy.start("curl", new InetSocketAddress("127.0.0.1", serverPort))) {
 *     Peer.require("curl").run(timeout, "-k", "https://localhost:" + proxy.port() + "/");
 *     byte[] hello = proxy.awaitTranscripts(1, timeout).get(0).bytes(Direction.CLIENT_TO_SERVER);
 * }
 * }</pre>
 *
 * Each transcript names the client's address and the target as its endpoints. A half-close is
 * passed on ({@code shutdownOutput}) and recorded; a connection whose target refuses is
 * closed at once. Bounded: {@code maxConnections} connections at most (the rest are refused),
 * every blocking read and write on virtual threads that end when either side closes or the
 * proxy does.
 */
public final class RecordingProxy implements AutoCloseable {
    private static final int BUFFER = 16 * 1024;

    private final String name;
    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final int maxConnections;
    private final List<Transcript> transcripts = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private RecordingProxy(String name, InetSocketAddress target, int maxConnections) throws IOException {
        this.name = name;
        this.target = target;
        this.maxConnections = maxConnections;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    /** A proxy on 127.0.0.1 (any free port) to {@code target}, for at most 64 connections. */
    public static RecordingProxy start(String name, InetSocketAddress target) throws IOException {
        return start(name, target, 64);
    }

    public static RecordingProxy start(String name, InetSocketAddress target, int maxConnections) throws IOException {
        return new RecordingProxy(name, target, maxConnections);
    }

    /** The port the proxy listens on (127.0.0.1). */
    public int port() {
        return listener.getLocalPort();
    }

    /** Where the proxy listens. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    /** The transcripts so far, one per accepted connection, in accept order. */
    public List<Transcript> transcripts() {
        return List.copyOf(transcripts);
    }

    /**
     * Waits until {@code count} connections have been accepted and each has sent at least one
     * octet toward the target, or {@code timeout} passes; returns the transcripts so far.
     */
    public List<Transcript> awaitTranscripts(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Transcript> now = transcripts();
            if (now.size() >= count && now.stream().limit(count).allMatch(t -> t.bytes(CLIENT_TO_SERVER).length > 0)) {
                return now;
            }
            Thread.sleep(10);
        }
        return transcripts();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (transcripts.size() >= maxConnections) {
                closeQuietly(client);
                continue;
            }
            Socket server = new Socket();
            try {
                server.connect(target, 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            sockets.add(client);
            sockets.add(server);
            Transcript transcript = new Transcript(name + " #" + (transcripts.size() + 1), Transport.TCP,
                    (InetSocketAddress) client.getRemoteSocketAddress(), target);
            transcripts.add(transcript);
            Evidence.current().attach(transcript);
            threads.submit(() -> pump(client, server, transcript, CLIENT_TO_SERVER));
            threads.submit(() -> pump(server, client, transcript, SERVER_TO_CLIENT));
        }
    }

    /**
     * Copies {@code from} to {@code to}, recording; passes the end of the stream on as a
     * half-close, and closes both sockets once both directions have ended (or on an error).
     */
    private static void pump(Socket from, Socket to, Transcript transcript, Direction direction) {
        byte[] buffer = new byte[BUFFER];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                transcript.record(direction, buffer, 0, n);
                out.write(buffer, 0, n);
                out.flush();
            }
            transcript.closed(direction);
            to.shutdownOutput();
            Direction other = direction == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
            if (transcript.isClosed(other)) {
                closeQuietly(from);
                closeQuietly(to);
            }
        } catch (IOException e) {
            // a reset, or the proxy closed: end both sides, the other pump stops too
            transcript.closed(direction);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Stops accepting, closes every connection and waits (briefly) for the copying threads. */
    @Override
    public void close() {
        closeQuietly(listener);
        sockets.forEach(RecordingProxy::closeQuietly);
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    @Override
    public String toString() {
        return "RecordingProxy[" + name + " 127.0.0.1:" + port() + " -> " + target + "]";
    }
}
