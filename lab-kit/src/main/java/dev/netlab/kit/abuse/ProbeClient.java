package dev.netlab.kit.abuse;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One well-behaved client of a {@link Probe}: a persistent connection on which it makes one
 * exchange at a time and checks the answer. Any {@link IOException} (including a wrong answer,
 * a close, a read timeout) counts as an error of the probe, which then reconnects.
 */
public interface ProbeClient extends AutoCloseable {

    /** Connects (or reconnects) to the server. */
    void connect(InetSocketAddress server) throws IOException;

    /** One request and its complete, correct answer; throws when the answer is missing or wrong. */
    void exchange() throws IOException;

    @Override
    void close();

    /** How long a probe waits for one answer before it counts an error. */
    Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    /** A client that writes {@code request} and expects exactly {@code answer} back (echo: the same octets). */
    static ProbeClient expecting(byte[] request, byte[] answer) {
        return new SocketClient() {
            @Override
            public void exchange() throws IOException {
                out.write(request);
                out.flush();
                byte[] got = in.readNBytes(answer.length);
                if (!Arrays.equals(got, answer)) {
                    throw new IOException("expected " + answer.length + " octets of answer, got " + got.length
                            + (got.length == answer.length ? " that differ" : " (closed)"));
                }
            }
        };
    }

    /**
     * A client of a protocol of length-prefixed frames (a 4-octet big-endian length, then the
     * payload): sends {@code request} as one frame, expects one frame whose payload is {@code answer}.
     */
    static ProbeClient frames(byte[] request, byte[] answer) {
        byte[] framed = new byte[4 + request.length];
        framed[0] = (byte) (request.length >>> 24);
        framed[1] = (byte) (request.length >>> 16);
        framed[2] = (byte) (request.length >>> 8);
        framed[3] = (byte) request.length;
        System.arraycopy(request, 0, framed, 4, request.length);
        return new SocketClient() {
            @Override
            public void exchange() throws IOException {
                out.write(framed);
                out.flush();
                DataInputStream data = new DataInputStream(in);
                int length = data.readInt();
                if (length != answer.length) {
                    throw new IOException("expected a frame of " + answer.length + " octets, got " + length);
                }
                byte[] payload = data.readNBytes(length);
                if (!Arrays.equals(payload, answer)) {
                    throw new IOException("unexpected frame payload");
                }
            }
        };
    }

    /**
     * A keep-alive HTTP/1.1 client: sends {@code request} (a whole request, head and body) and
     * reads one response framed by Content-Length, which must have status {@code status}.
     * Enough for a probe; a real client handles chunked and close-delimited bodies too.
     */
    static ProbeClient http(String request, int status) {
        return new HttpProbe(request, status, null);
    }

    /**
     * The same client over TLS: each connection makes a full handshake with {@code tls} (whose
     * trust decides which server certificates pass), then the keep-alive exchanges as
     * {@link #http(String, int)}. A failed handshake is an error of the probe like any other.
     */
    static ProbeClient https(String request, int status, SSLSocketFactory tls) {
        return new HttpProbe(request, status, tls);
    }

    /**
     * A UDP echo client: each exchange sends one datagram of {@code size} octets (at least 8: a
     * sequence number first, so a late answer to an earlier try is told apart) from its own
     * socket, and expects the same octets back within {@code retryAfter}; when none comes it sends
     * again and waits twice as long (exponential backoff, as UDP clients such as DNS resolvers
     * do), at most {@code tries} datagrams in all, and only when every one of them goes
     * unanswered is the exchange an error (with 50 ms and 4 tries: nothing back for 750 ms). UDP promises no delivery: a datagram that finds the
     * receiver's socket buffer full is dropped by the kernel, whoever sent it, so a lost datagram
     * is not the server's fault by itself; {@code tries} states how much loss in a row the probe
     * forgives, and the latency (counted from when the exchange was due, retries included) shows
     * the rest.
     */
    static ProbeClient udpEcho(int size, Duration retryAfter, int tries) {
        return new UdpEchoProbe(size, retryAfter, tries);
    }

    /** The UDP echo probe of {@link #udpEcho}. */
    final class UdpEchoProbe implements ProbeClient {
        private final byte[] request;
        private final byte[] answer;
        private final Duration retryAfter;
        private final int tries;
        private java.net.DatagramSocket socket;
        private InetSocketAddress server;
        private long sequence;
        /** Datagrams that went unanswered within {@code retryAfter} (each followed by a retry or an error). */
        private final java.util.concurrent.atomic.AtomicLong lost = new java.util.concurrent.atomic.AtomicLong();

        UdpEchoProbe(int size, Duration retryAfter, int tries) {
            if (size < 8 || size > 65_507 || tries < 1) {
                throw new IllegalArgumentException("size 8..65,507 and at least one try");
            }
            this.request = new byte[size];
            this.answer = new byte[size + 1]; // one more: a longer answer is seen as one
            Arrays.fill(request, (byte) 'p');
            this.retryAfter = retryAfter;
            this.tries = tries;
        }

        @Override
        public void connect(InetSocketAddress server) throws IOException {
            close();
            this.server = server;
            socket = new java.net.DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
            socket.setSoTimeout((int) Math.max(1, retryAfter.toMillis()));
        }

        @Override
        public void exchange() throws IOException {
            long seq = ++sequence;
            java.nio.ByteBuffer.wrap(request).putLong(seq);
            java.net.DatagramPacket in = new java.net.DatagramPacket(answer, answer.length);
            for (int t = 0; t < tries; t++) {
                socket.send(new java.net.DatagramPacket(request, request.length, server));
                long deadline = System.nanoTime() + (retryAfter.toNanos() << t); // 1, 2, 4, ... times retryAfter
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        break;
                    }
                    socket.setSoTimeout((int) left);
                    try {
                        socket.receive(in);
                    } catch (java.net.SocketTimeoutException e) {
                        break;
                    }
                    if (in.getLength() >= 8 && java.nio.ByteBuffer.wrap(answer).getLong() < seq) {
                        continue; // a late answer to an earlier exchange
                    }
                    if (in.getLength() != request.length || !Arrays.equals(answer, 0, request.length, request, 0, request.length)) {
                        throw new IOException("expected the " + request.length + " octets sent back, got " + in.getLength()
                                + (in.getLength() == request.length ? " that differ" : ""));
                    }
                    return;
                }
                lost.incrementAndGet();
            }
            throw new IOException(tries + " datagrams in a row unanswered, waiting " + retryAfter.toMillis()
                    + " ms for the first and twice as long for each next");
        }

        /** Datagrams of this client that went unanswered in time. */
        public long lost() {
            return lost.get();
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }

    /** The keep-alive HTTP/1.1 probe of {@link #http} and {@link #https}. */
    final class HttpProbe extends SocketClient {
        private final byte[] octets;
        private final int status;
        private final SSLSocketFactory tls;

        HttpProbe(String request, int status, SSLSocketFactory tls) {
            this.octets = request.getBytes(StandardCharsets.ISO_8859_1);
            this.status = status;
            this.tls = tls;
        }

        @Override
        protected Socket layer(Socket plain, InetSocketAddress server) throws IOException {
            if (tls == null) {
                return plain;
            }
            SSLSocket secure = (SSLSocket) tls.createSocket(plain, server.getHostString(), server.getPort(), true);
            secure.startHandshake();
            return secure;
        }

        @Override
        public void exchange() throws IOException {
            out.write(octets);
            out.flush();
            String head = readHead(in);
            String statusLine = head.substring(0, head.indexOf("\r\n"));
            if (!statusLine.startsWith("HTTP/1.1 " + status + " ")) {
                throw new IOException("expected status " + status + ", got " + statusLine);
            }
            long length = -1;
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(line.substring(colon + 1).strip());
                }
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Connection")
                        && line.substring(colon + 1).strip().equalsIgnoreCase("close")) {
                    throw new IOException("the server closes the probe's connection: " + statusLine);
                }
            }
            if (length < 0) {
                throw new IOException("no Content-Length in the answer");
            }
            in.skipNBytes(length); // EOFException when the body is cut short
        }
    }

    /** The head of an HTTP/1.1 response, up to and including the empty line, as ISO-8859-1 text (at most 64 KiB). */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of a response head");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 64 * 1024) {
                throw new IOException("response head over 64 KiB");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** A blocking socket with buffered streams and the answer timeout. */
    abstract class SocketClient implements ProbeClient {
        protected Socket socket;
        protected InputStream in;
        protected OutputStream out;

        @Override
        public void connect(InetSocketAddress server) throws IOException {
            close();
            Socket plain = new Socket();
            socket = plain;
            plain.setTcpNoDelay(true);
            plain.connect(server, (int) ANSWER_TIMEOUT.toMillis());
            plain.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
            socket = layer(plain, server);
            in = new java.io.BufferedInputStream(socket.getInputStream());
            out = new java.io.BufferedOutputStream(socket.getOutputStream());
        }

        /** The socket the exchanges use, over the connected {@code plain} one: itself, or TLS over it. */
        protected Socket layer(Socket plain, InetSocketAddress server) throws IOException {
            return plain;
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closed either way
                }
                socket = null;
            }
        }
    }
}
