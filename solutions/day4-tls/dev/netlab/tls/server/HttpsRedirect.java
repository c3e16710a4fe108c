package dev.netlab.tls.server;

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
    private static final Pattern REG_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+\\]");
    private static final Pattern TARGET = Pattern.compile("/[\\x21-\\x7e]*");

    private final int httpsPort;

    public HttpsRedirect(int httpsPort) {
        this.httpsPort = httpsPort;
    }

    @Override
    public Response handle(RequestHead request, ConnectionInfo connection) {
        String location = location(request);
        if (location == null) {
            return Response.text(400, "Bad Request", "a redirect needs a valid Host and an origin-form target\n");
        }
        return Response.text(308, "Permanent Redirect", "moved to " + location + "\n").withField("Location", location);
    }

    /** {@code https://host[:port]/target} for {@code request}, or null when its Host or target is not acceptable. */
    public String location(RequestHead request) {
        String host = request.field("Host").orElse(null);
        if (host == null || !TARGET.matcher(request.target()).matches()) {
            return null;
        }
        String name = hostWithoutPort(host.strip());
        if (name == null) {
            return null;
        }
        String port = httpsPort == 443 ? "" : ":" + httpsPort;
        return "https://" + name.toLowerCase(Locale.ROOT) + port + request.target();
    }

    /** The host of a Host value ({@code name[:port]} or {@code [v6][:port]}), validated; null if invalid. */
    static String hostWithoutPort(String host) {
        String name = host;
        String port = null;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return null;
            }
            name = host.substring(0, close + 1);
            if (close + 1 < host.length()) {
                if (host.charAt(close + 1) != ':') {
                    return null;
                }
                port = host.substring(close + 2);
            }
            if (!IPV6.matcher(name).matches()) {
                return null;
            }
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                name = host.substring(0, colon);
                port = host.substring(colon + 1);
            }
            if (name.length() > 253 || !REG_NAME.matcher(name).matches()) {
                return null;
            }
        }
        if (port != null && !port.matches("\\d{1,5}")) {
            return null;
        }
        return name;
    }
}
