package dev.netlab.kit.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A minimal HTTPS/1.1 client over {@link SSLSocket}: one GET to 127.0.0.1 with the name
 * {@code localhost} (SNI and certificate check). Also a main for a child JVM:
 * {@code HttpsClient <certificates dir> <port> <path>} prints the response.
 */
final class HttpsClient {
    private HttpsClient() {}

    public static void main(String[] args) throws IOException {
        DevCertificates certificates = DevCertificates.in(Path.of(args[0]));
        String response = get(certificates.clientContext(), Integer.parseInt(args[1]), args[2]);
        System.out.print(response);
    }

    /** Sends {@code GET path} and returns the whole response (the server closes the connection). */
    static String get(SSLContext context, int port, String path) throws IOException {
        Socket tcp = new Socket(InetAddress.getByName("127.0.0.1"), port);
        try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, "localhost", port, true)) {
            tls.setSoTimeout(20_000);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 9110 §4.3.4: check the name
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            tls.setSSLParameters(parameters);
            tls.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            return new String(tls.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** The negotiated protocol of a fresh handshake, e.g. {@code TLSv1.3}. */
    static String handshake(SSLContext context, int port) throws IOException {
        Socket tcp = new Socket(InetAddress.getByName("127.0.0.1"), port);
        try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, "localhost", port, true)) {
            tls.setSoTimeout(20_000);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls.getSession().getProtocol();
        }
    }
}
