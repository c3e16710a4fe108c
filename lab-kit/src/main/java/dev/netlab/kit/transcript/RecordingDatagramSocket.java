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
 * A UDP client talking to one server that records every datagram each way into a
 * {@link Transcript} (one chunk per datagram, an empty datagram too). It keeps only datagrams
 * from the server, as a connected socket would; it is not connected itself because the JDK sends
 * nothing for a 0-octet write on a connected datagram socket ({@code DatagramChannel.write}
 * returns 0 without a system call), yet an empty datagram is valid (RFC 768: length 8, the
 * header alone) and a server must echo it. Disconnecting for that one send would not do either:
 * the JDK's {@code connect} discards datagrams already queued, such as the answer.
 */
public final class RecordingDatagramSocket implements AutoCloseable {
    /** The largest UDP payload over IPv4: 65,535 − 20 (IPv4 header) − 8 (UDP header). */
    private static final int MAX_DATAGRAM = 65_507;

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final Transcript transcript;
    private long strangers;

    private RecordingDatagramSocket(DatagramSocket socket, InetSocketAddress server, Transcript transcript) {
        this.socket = socket;
        this.server = server;
        this.transcript = transcript;
    }

    public static RecordingDatagramSocket connect(String name, InetSocketAddress server) throws IOException {
        DatagramSocket s = new DatagramSocket();
        try {
            // connect() once, before any traffic, only to learn the source address the kernel
            // picks for this server (the transcript and its pcap need a concrete one)
            s.connect(server);
            InetSocketAddress local = new InetSocketAddress(s.getLocalAddress(), s.getLocalPort());
            s.disconnect();
            Transcript transcript = new Transcript(name, Transport.UDP, local, server);
            // A checkpoint that fails shows this exchange and saves it as a pcap.
            dev.netlab.kit.Evidence.current().attach(transcript);
            return new RecordingDatagramSocket(s, server, transcript);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Sends one datagram to the server; an empty one too. */
    public void send(byte[] payload) throws IOException {
        socket.send(new DatagramPacket(payload, payload.length, server));
        transcript.record(CLIENT_TO_SERVER, payload, 0, payload.length);
    }

    /**
     * The next datagram from the server; throws {@link SocketTimeoutException} if none comes in
     * time. Datagrams from any other address are dropped (and counted, see {@link #strangers()}).
     */
    public byte[] receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        DatagramPacket p = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no datagram from " + server + " within " + timeout.toMillis() + " ms");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, left / 1_000_000)));
            p.setLength(MAX_DATAGRAM);
            socket.receive(p);
            if (fromServer((InetSocketAddress) p.getSocketAddress())) {
                break;
            }
            strangers++;
        }
        byte[] payload = Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
        transcript.record(SERVER_TO_CLIENT, payload, 0, payload.length);
        return payload;
    }

    private boolean fromServer(InetSocketAddress from) {
        return from.getPort() == server.getPort()
                && (server.getAddress().isAnyLocalAddress() || from.getAddress().equals(server.getAddress()));
    }

    /** How many datagrams came from some other address and were dropped. */
    public long strangers() {
        return strangers;
    }

    public Transcript transcript() {
        return transcript;
    }

    @Override
    public void close() {
        socket.close();
    }
}
