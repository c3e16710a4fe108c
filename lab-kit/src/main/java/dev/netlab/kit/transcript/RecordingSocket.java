package dev.netlab.kit.transcript;

import static dev.netlab.kit.transcript.Transcript.Direction.CLIENT_TO_SERVER;
import static dev.netlab.kit.transcript.Transcript.Direction.SERVER_TO_CLIENT;

import dev.netlab.kit.transcript.Transcript.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * The client side of a TCP connection that records every byte each way into a
 * {@link Transcript}: what a checkpoint talks to the learner's server through, so a failure
 * can show the exchange and leave a pcap of it.
 *
 * <ul>
 *   <li>bytes written to {@link #out()} are recorded client → server once written;
 *   <li>bytes read from {@link #in()} are recorded server → client; reading the end of the
 *       stream records that the server closed (its FIN);
 *   <li>{@link #shutdownOutput()} and {@link #close()} record that the client closed.
 * </ul>
 */
public final class RecordingSocket implements AutoCloseable {
    private final Socket socket;
    private final Transcript transcript;
    private final InputStream in;
    private final OutputStream out;

    private RecordingSocket(String name, Socket connected) throws IOException {
        this.socket = connected;
        this.transcript = new Transcript(name, Transport.TCP,
                (InetSocketAddress) connected.getLocalSocketAddress(),
                (InetSocketAddress) connected.getRemoteSocketAddress());
        // A checkpoint that fails shows this exchange and saves it as a pcap.
        dev.netlab.kit.Evidence.current().attach(transcript);
        this.in = new RecordingInputStream(connected.getInputStream(), transcript, SERVER_TO_CLIENT);
        this.out = new RecordingOutputStream(connected.getOutputStream(), transcript, CLIENT_TO_SERVER);
    }

    /**
     * Connects to {@code server} within {@code timeout}; the same timeout then applies to
     * every read ({@code SO_TIMEOUT}), so a silent server fails a test instead of hanging it.
     */
    public static RecordingSocket connect(String name, InetSocketAddress server, Duration timeout) throws IOException {
        Socket s = new Socket();
        try {
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            s.connect(server, millis);
            s.setSoTimeout(millis);
            return new RecordingSocket(name, s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Records on a socket that is already connected (its timeouts are left as they are). */
    public static RecordingSocket wrap(String name, Socket connected) throws IOException {
        if (!connected.isConnected()) {
            throw new IllegalArgumentException("socket is not connected: " + connected);
        }
        return new RecordingSocket(name, connected);
    }

    public InputStream in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    public Transcript transcript() {
        return transcript;
    }

    /** The underlying socket, for options such as {@code setSoTimeout}; read and write through {@link #in()}/{@link #out()}. */
    public Socket socket() {
        return socket;
    }

    /** Half-closes: sends a FIN, keeps reading. Recorded as the client closing. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
        transcript.closed(CLIENT_TO_SERVER);
    }

    /** Closes the socket; the client's side counts as closed (a FIN, unless one was sent already). */
    @Override
    public void close() throws IOException {
        if (!socket.isClosed()) {
            socket.close();
            transcript.closed(CLIENT_TO_SERVER);
        }
    }
}
