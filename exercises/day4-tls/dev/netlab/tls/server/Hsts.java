package dev.netlab.tls.server;

import dev.netlab.kit.StubException;
import dev.netlab.tls.http.ConnectionInfo;
import dev.netlab.tls.http.Response;
import java.time.Duration;

/**
 * HTTP Strict Transport Security (RFC 6797): a response field that tells a browser to use only
 * HTTPS for this host from now on, for {@code max-age} seconds.
 *
 * <pre>
 * Strict-Transport-Security: max-age=31536000; includeSubDomains
 * </pre>
 *
 * The rules applied here: the field is sent over secure transport only (RFC 6797 §7.2: "An
 * HSTS Host MUST NOT include the STS header field in HTTP responses conveyed over non-secure
 * transport"); a plain-HTTP request is redirected instead ({@link HttpsRedirect}); {@code
 * max-age} is whole seconds, 0 tells the browser to forget the host (§6.1.1); {@code
 * includeSubDomains} is a valueless directive (§6.1.2). A response that already carries the
 * field is left alone.
 */
public final class Hsts {
    public static final String FIELD = "Strict-Transport-Security";

    public Hsts(Duration maxAge, boolean includeSubDomains) {
        // keep what you need in fields (see the class comment)
    }

    /** One year with subdomains: what HSTS preload lists ask for. */
    public static Hsts oneYear() {
        throw StubException.notImplemented("4.07", "A blocking HTTPS server, a redirecting HTTP port, HSTS", "day4-tls/README.md#https-server-redirect-and-hsts");
    }

    /** The field value: {@code max-age=31536000; includeSubDomains}. */
    public String value() {
        throw StubException.notImplemented("4.07", "A blocking HTTPS server, a redirecting HTTP port, HSTS", "day4-tls/README.md#https-server-redirect-and-hsts");
    }

    /** {@code response} with the field added when {@code connection} is secure; unchanged otherwise. */
    public Response apply(Response response, ConnectionInfo connection) {
        throw StubException.notImplemented("4.07", "A blocking HTTPS server, a redirecting HTTP port, HSTS", "day4-tls/README.md#https-server-redirect-and-hsts");
    }
}
