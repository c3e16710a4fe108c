package dev.netlab.bench.tls;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The baseline of the handshake suite: a plain JSSE server as the JDK's documentation writes
 * one — an {@link SSLServerSocket} from a {@code KeyManagerFactory} over a PKCS#12 key store
 * (lab-kit's {@code serverContext()}), an accept loop handing each {@link SSLSocket} to a
 * cached pool of threads — with day 4's TLS policy applied. Per connection it reads request
 * heads (up to the blank line) and answers each with {@link HelloHttps#RESPONSE}, closing
 * after an HTTP/1.0 request or {@code Connection: close}. No timeouts, no limits, no ALPN, no
 * SNI: the least a TLS server can do, so what the netlab server costs beyond it shows.
 */
final class JsseHttpsServer {
    private final SSLServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    });

    JsseHttpsServer(InetSocketAddress bind, SSLContext context) throws IOException {
        listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        listener.setSSLParameters(HelloHttps.policy(listener.getSSLParameters()));
        listener.setReuseAddress(true);
        listener.bind(bind, 1024);
        threads.submit(this::acceptLoop);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (true) {
            try {
                SSLSocket socket = (SSLSocket) listener.accept();
                threads.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(SSLSocket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                out.write(HelloHttps.RESPONSE);
                out.flush();
                if (head.contains(" HTTP/1.0\r\n") || head.toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close")) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** The request head up to and with its blank line, or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (b == '\n' && head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        return null;
    }
}
