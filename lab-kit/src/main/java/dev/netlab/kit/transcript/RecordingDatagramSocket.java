package dev.netlab.kit.transcript;

import static dev.netlab.kit.transcript.Transcript.Direction.CLIENT_TO_SERVER;
import static dev.netlab.kit.transcript.Transcript.Direction.SERVER_TO_CLIENT;

import dev.netlab.kit.transcript.Transcript.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/**
 * A UDP client connected to one server that records every datagram each way into a
 * {@link Transcript} (one chunk per datagram). Connected means the kernel drops datagrams
 * from any other address, so everything received came from the server.
 */
public final class RecordingDatagramSocket implements AutoCloseable {
    /** The largest UDP payload over IPv4: 65,535 − 20 (IPv4 header) − 8 (UDP header). */
    private static final int MAX_DATAGRAM = 65_507;

    private final DatagramSocket socket;
    private final Transcript transcript;

    private RecordingDatagramSocket(DatagramSocket socket, Transcript transcript) {
        this.socket = socket;
        this.transcript = transcript;
    }

    public static RecordingDatagramSocket connect(String name, InetSocketAddress server) throws IOException {
        DatagramSocket s = new DatagramSocket();
        try {
            s.connect(server);
            InetSocketAddress local = new InetSocketAddress(s.getLocalAddress(), s.getLocalPort());
            Transcript transcript = new Transcript(name, Transport.UDP, local, server);
            // A checkpoint that fails shows this exchange and saves it as a pcap.
            dev.netlab.kit.Evidence.current().attach(transcript);
            return new RecordingDatagramSocket(s, transcript);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Sends one datagram to the server. */
    public void send(byte[] payload) throws IOException {
        socket.send(new DatagramPacket(payload, payload.length));
        transcript.record(CLIENT_TO_SERVER, payload, 0, payload.length);
    }

    /** The next datagram from the server; throws {@link SocketTimeoutException} if none comes in time. */
    public byte[] receive(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        DatagramPacket p = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
        socket.receive(p);
        byte[] payload = Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
        transcript.record(SERVER_TO_CLIENT, payload, 0, payload.length);
        return payload;
    }

    public Transcript transcript() {
        return transcript;
    }

    @Override
    public void close() {
        socket.close();
    }
}
