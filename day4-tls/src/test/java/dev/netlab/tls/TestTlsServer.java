package dev.netlab.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A plain JSSE HTTPS server made of no learner code (the lab CA's localhost identity): the
 * peer that real clients' ClientHellos are recorded against. It answers any request with
 * {@code 200 hello} and closes; it offers ALPN http/1.1 only.
 */
public final class TestTlsServer implements AutoCloseable {
    private final SSLServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private TestTlsServer(SSLContext context) throws IOException {
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SSLParameters parameters = server.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        server.setSSLParameters(parameters);
        threads.submit(this::accept);
    }

    public static TestTlsServer start(SSLContext context) throws IOException {
        return new TestTlsServer(context);
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                SSLSocket socket = (SSLSocket) server.accept();
                threads.submit(() -> answer(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void answer(SSLSocket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            byte[] head = new byte[8192];
            int n = 0;
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    return;
                }
                n += r;
                if (new String(head, 0, n, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    break;
                }
            }
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 23\r\nConnection: close\r\n\r\n"
                    + "<html><b>hello</b>\n</html>".substring(0, 23)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // clients that hang up after the handshake are expected here
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
