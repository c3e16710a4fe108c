package dev.netlab.kit.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS 1.3 server on 127.0.0.1 (port 0) that answers every request with one tiny HTTP/1.1
 * response and remembers what happened: request lines, client principals, failures.
 */
final class TinyHttpsServer implements AutoCloseable {
    static final String BODY = "hello over TLS\n";

    private final SSLServerSocket socket;
    private final Thread acceptor;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<Principal> clients = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private TinyHttpsServer(SSLServerSocket socket) {
        this.socket = socket;
        this.acceptor = Thread.ofPlatform().daemon().name("tiny-https-" + socket.getLocalPort()).start(this::acceptLoop);
    }

    static TinyHttpsServer start(SSLContext context, boolean needClientAuth) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        parameters.setNeedClientAuth(needClientAuth);
        // ALPN tells tshark what the decrypted bytes are (RFC 7301)
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        return new TinyHttpsServer(socket);
    }

    int port() {
        return socket.getLocalPort();
    }

    List<String> requestLines() {
        return requestLines;
    }

    List<Principal> clients() {
        return clients;
    }

    List<Throwable> failures() {
        return failures;
    }

    /** Waits until the server has seen {@code count} failures (handshakes end on another thread). */
    List<Throwable> awaitFailures(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (failures.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return failures;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                SSLSocket connection = (SSLSocket) socket.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                failures.add(e);
            }
        }
    }

    private void serve(SSLSocket connection) {
        try (connection) {
            connection.setSoTimeout(20_000);
            connection.startHandshake();
            try {
                clients.add(connection.getSession().getPeerPrincipal());
            } catch (SSLPeerUnverifiedException noClientCertificate) {
                // fine unless client auth is needed, and then the handshake failed already
            }
            var in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            if (requestLine == null) {
                return; // e.g. openssl s_client without a request
            }
            requestLines.add(requestLine);
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                // headers are not needed
            }
            byte[] body = BODY.getBytes(StandardCharsets.US_ASCII);
            OutputStream out = connection.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            failures.add(e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.close();
        acceptor.join(2_000);
    }
}
