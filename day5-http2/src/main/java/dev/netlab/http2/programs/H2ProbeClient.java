package dev.netlab.http2.programs;

import dev.netlab.kit.abuse.ProbeClient;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The abuse suite's well-behaved HTTP/2 client (given): one h2c connection by prior knowledge,
 * kept open; each exchange is a {@code GET} on the next stream, read to its END_STREAM: the
 * answer must be {@code :status 200} (the indexed static entry 8, {@code 0x88}, first in the
 * block) and exactly {@code expectedLength} octets of content. It acknowledges the server's
 * SETTINGS and PINGs and gives back every DATA octet to the connection window (WINDOW_UPDATE),
 * as a real client does; a GOAWAY, a RST_STREAM on its stream, a close or no answer within
 * {@link ProbeClient#ANSWER_TIMEOUT} is an error. With a TLS socket factory it speaks h2 over TLS
 * instead: a full handshake offering only {@code h2} by ALPN (RFC 9113 §3.2), which the server
 * must choose, then the same exchanges.
 */
final class H2ProbeClient implements ProbeClient {
    private static final int MAX_PAYLOAD = 16_384; // our SETTINGS_MAX_FRAME_SIZE: the default
    private static final int STATUS_200 = 0x88;

    private final String path;
    private final int expectedLength;
    private final SSLSocketFactory tls;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;
    private int nextStream;

    H2ProbeClient(String path, int expectedLength, SSLSocketFactory tls) {
        this.path = path;
        this.expectedLength = expectedLength;
        this.tls = tls;
    }

    /** {@code plain}, or h2 over TLS on it: a handshake offering only {@code h2}, which must be chosen. */
    static Socket h2OverTls(Socket plain, SSLSocketFactory tls) throws IOException {
        SSLSocket secure = (SSLSocket) tls.createSocket(plain, "localhost", plain.getPort(), true);
        SSLParameters p = secure.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2"});
        secure.setSSLParameters(p);
        secure.startHandshake();
        if (!"h2".equals(secure.getApplicationProtocol())) {
            secure.close();
            throw new IOException("ALPN: the server chose " + secure.getApplicationProtocol() + ", not h2");
        }
        return secure;
    }

    @Override
    public void connect(InetSocketAddress server) throws IOException {
        close();
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(server, (int) ANSWER_TIMEOUT.toMillis());
        socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
        if (tls != null) {
            socket = h2OverTls(socket, tls);
        }
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = new BufferedOutputStream(socket.getOutputStream());
        out.write(RawFrames.PREFACE);
        out.write(RawFrames.settings());
        out.flush();
        nextStream = 1;
    }

    @Override
    public void exchange() throws IOException {
        int stream = nextStream;
        nextStream += 2;
        out.write(RawFrames.get(stream, path));
        out.flush();
        boolean status = false;
        int content = 0;
        while (true) {
            RawFrames.Read f = RawFrames.read(in, MAX_PAYLOAD);
            switch (f.type()) {
                case RawFrames.SETTINGS -> {
                    if ((f.flags() & RawFrames.ACK) == 0) {
                        out.write(RawFrames.settingsAck());
                        out.flush();
                    }
                }
                case RawFrames.PING -> {
                    if ((f.flags() & RawFrames.ACK) == 0) {
                        out.write(RawFrames.frame(RawFrames.PING, RawFrames.ACK, 0, f.payload()));
                        out.flush();
                    }
                }
                case RawFrames.GOAWAY -> throw new IOException("GOAWAY from the server");
                case RawFrames.RST_STREAM -> {
                    if (f.stream() == stream) {
                        throw new IOException("stream " + stream + " was reset");
                    }
                }
                case RawFrames.HEADERS -> {
                    if (f.stream() == stream && !status) {
                        status = true;
                        int at = (f.flags() & RawFrames.PADDED) != 0 ? 1 : 0;
                        at += (f.flags() & RawFrames.PRIORITY) != 0 ? 5 : 0;
                        if (f.payload().length <= at || (f.payload()[at] & 0xff) != STATUS_200) {
                            throw new IOException("stream " + stream + ": not :status 200");
                        }
                    }
                }
                case RawFrames.DATA -> {
                    if (f.payload().length > 0) {
                        // give the octets back, or the connection window runs dry after 65,535
                        out.write(RawFrames.windowUpdate(0, f.payload().length));
                        out.flush();
                    }
                    if (f.stream() == stream) {
                        content += f.payload().length - ((f.flags() & RawFrames.PADDED) != 0 ? 1 + (f.payload()[0] & 0xff) : 0);
                    }
                }
                default -> {
                    // WINDOW_UPDATE and the rest: nothing to do
                }
            }
            if (f.stream() == stream && (f.flags() & RawFrames.END_STREAM) != 0
                    && (f.type() == RawFrames.DATA || f.type() == RawFrames.HEADERS)) {
                break;
            }
        }
        if (!status || content != expectedLength) {
            throw new IOException("stream " + stream + ": " + (status ? content + " octets of content, expected " + expectedLength
                    : "ended without a response HEADERS"));
        }
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
