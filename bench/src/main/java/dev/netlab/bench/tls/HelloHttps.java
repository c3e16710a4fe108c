package dev.netlab.bench.tls;

import dev.netlab.tls.server.Hsts;
import dev.netlab.tls.server.TlsPolicy;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLParameters;

/**
 * What every HTTPS server of the day-4 benchmarks answers to {@code GET /plaintext}: the octets
 * day 4's {@code serve} program sends ({@code SiteHandler}'s {@code Hello, World!} through the
 * given HTTP/1.1 loop, with HSTS), so the baselines serve exactly the same response; and the TLS
 * parameters all of them use.
 */
final class HelloHttps {
    private HelloHttps() {}

    static final String PATH = "/plaintext";
    static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    static final String CONTENT_TYPE = "text/plain; charset=utf-8";
    static final String HSTS = Hsts.oneYear().value();

    /** The whole response, keep-alive. */
    static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\n"
            + "Content-Type: " + CONTENT_TYPE + "\r\n"
            + Hsts.FIELD + ": " + HSTS + "\r\n"
            + "Content-Length: " + BODY.length + "\r\n"
            + "\r\n" + "Hello, World!").getBytes(StandardCharsets.US_ASCII);

    /**
     * Day 4's hardening policy (TLS 1.3 and 1.2, its suites in its order with the server's order
     * deciding, its groups): the candidate runs with it, and so does every baseline, so that all
     * of them negotiate the same protocol, suite and group with the same client.
     */
    static SSLParameters policy(SSLParameters parameters) {
        return TlsPolicy.apply(parameters);
    }
}
