package dev.netlab.tls.http;

/**
 * What a handler may know about the connection a request came on.
 *
 * @param secure whether it came over TLS
 * @param protocol {@code TLSv1.3}, {@code TLSv1.2}, or {@code plain}
 * @param cipherSuite the negotiated suite, or empty
 * @param applicationProtocol the ALPN result ({@code http/1.1}), or empty when none was negotiated
 * @param serverName the SNI host name the client asked for, or empty
 * @param clientIdentity the mutual-TLS identity (checkpoint 4.11), or null
 * @param resumed whether the TLS session was resumed (checkpoint 4.12)
 * @param localPort the port the request came in on
 */
public record ConnectionInfo(boolean secure, String protocol, String cipherSuite, String applicationProtocol,
        String serverName, String clientIdentity, boolean resumed, int localPort) {

    /** A plain-TCP connection. */
    public static ConnectionInfo plain(int localPort) {
        return new ConnectionInfo(false, "plain", "", "", "", null, false, localPort);
    }
}
