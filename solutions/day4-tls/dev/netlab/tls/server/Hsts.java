package dev.netlab.tls.server;

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

    private final Duration maxAge;
    private final boolean includeSubDomains;

    public Hsts(Duration maxAge, boolean includeSubDomains) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("max-age cannot be negative: " + maxAge);
        }
        this.maxAge = maxAge;
        this.includeSubDomains = includeSubDomains;
    }

    /** One year with subdomains: what HSTS preload lists ask for. */
    public static Hsts oneYear() {
        return new Hsts(Duration.ofDays(365), true);
    }

    /** The field value: {@code max-age=31536000; includeSubDomains}. */
    public String value() {
        return "max-age=" + maxAge.toSeconds() + (includeSubDomains ? "; includeSubDomains" : "");
    }

    /** {@code response} with the field added when {@code connection} is secure; unchanged otherwise. */
    public Response apply(Response response, ConnectionInfo connection) {
        if (!connection.secure() || response.field(FIELD) != null) {
            return response;
        }
        return response.withField(FIELD, value());
    }
}
