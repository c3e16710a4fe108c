package dev.netlab.tls.server;

import dev.netlab.kit.StubException;
import dev.netlab.tls.http.ConnectionInfo;
import dev.netlab.tls.http.Handler;
import dev.netlab.tls.http.RequestHead;
import dev.netlab.tls.http.Response;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The handler of the plain-HTTP port: every request is sent to the same host and target over
 * HTTPS with {@code 308 Permanent Redirect} (RFC 9110 §15.4.9: unlike 301, the method and body
 * stay as they are).
 *
 * <pre>
 * GET /page?x=1 HTTP/1.1            HTTP/1.1 308 Permanent Redirect
 * Host: localhost:8080       ──▶    Location: https://localhost:8443/page?x=1
 * </pre>
 *
 * The host comes from the Host field (RFC 9112 §3.2: "A client MUST send a Host header field
 * in all HTTP/1.1 request messages"), its port replaced by the HTTPS port (443 is left out).
 * It is checked before it is echoed: a reg-name of letters, digits, '-', '.', or an IPv4
 * address, or an IPv6 literal in brackets; anything else (no Host, a user-info '@', spaces,
 * CR/LF) is 400, so the redirect cannot be pointed at another site or split into two
 * responses. The target must be origin-form ("/..."); '*' and absolute forms are 400. No HSTS
 * field here: RFC 6797 §7.2 forbids it over plain HTTP.
 */
public final class HttpsRedirect implements Handler {

    public HttpsRedirect(int httpsPort) {
        // keep what you need in fields (see the class comment)
    }

    @Override
    public Response handle(RequestHead request, ConnectionInfo connection) {
        throw StubException.notImplemented("4.07", "A blocking HTTPS server, a redirecting HTTP port, HSTS", "day4-tls/README.md#https-server-redirect-and-hsts");
    }

    /** {@code https://host[:port]/target} for {@code request}, or null when its Host or target is not acceptable. */
    public String location(RequestHead request) {
        throw StubException.notImplemented("4.07", "A blocking HTTPS server, a redirecting HTTP port, HSTS", "day4-tls/README.md#https-server-redirect-and-hsts");
    }
}
