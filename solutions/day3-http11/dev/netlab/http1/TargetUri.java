package dev.netlab.http1;

import java.util.List;
import java.util.Locale;

/**
 * The target URI of a request, rebuilt from its request-target and {@code Host} field
 * (RFC 9112 §3.3) after checking the rules of RFC 9112 §3.2 that need both. The request
 * parser reads the syntax of the line and of the fields; these rules are the server's, as
 * in Node (llhttp parses, the server checks Host) and Go ({@code net/http}'s server, not its
 * parser): both engines call {@link #of} for every request head, and answer its
 * {@link HttpException} with 400 and a close.
 *
 * <pre>
 *   request-target  ──► target URI                      (RFC 9112 §3.3)
 *   /where?q=now       http://{Host}/where?q=now          origin-form: the authority is Host
 *   http://a/b         http://a/b                         absolute-form: Host is ignored
 *   a.example:443      http://a.example:443               authority-form (CONNECT): no path
 *   *                  http://{Host}                      asterisk-form (OPTIONS): no path
 * </pre>
 *
 * @param scheme        "http" or "https" (lower case)
 * @param authority     the authority as received (from the target, or the Host value), possibly empty
 * @param pathAndQuery  the path and query as received, "" for authority- and asterisk-form
 */
public record TargetUri(String scheme, String authority, String pathAndQuery) {
    /** The scheme of a target that does not name one: this server listens on plain TCP. */
    private static final String SERVER_SCHEME = "http";

    /**
     * Checks the request-target and Host rules of RFC 9112 §3.2 and RFC 9110 §4.2 and
     * reconstructs the target URI. Every refusal is 400 and closes the connection.
     */
    public static TargetUri of(RequestHead head) throws HttpException {
        // RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any
        // HTTP/1.1 request message that lacks a Host header field and to any request message
        // that contains more than one Host header field line or a Host header field with an
        // invalid field value."
        List<String> hosts = head.headers().all("Host");
        if (hosts.size() > 1) {
            throw HttpException.badRequest("more than one Host field line");
        }
        if (hosts.isEmpty() && head.version() == HttpVersion.HTTP_1_1) {
            throw HttpException.badRequest("an HTTP/1.1 request needs a Host field");
        }
        String host = hosts.isEmpty() ? "" : hosts.get(0);
        if (UriAuthority.parse(host) == null) {
            throw HttpException.badRequest("invalid Host value: uri-host [ \":\" port ] expected");
        }
        RequestTarget target = head.target();
        return switch (target.form()) {
            case ORIGIN -> new TargetUri(SERVER_SCHEME, host, target.raw());
            case ASTERISK -> new TargetUri(SERVER_SCHEME, host, "");
            case AUTHORITY -> new TargetUri(SERVER_SCHEME, connectAuthority(target.raw()), "");
            // RFC 9112 §3.2.2: "A server MUST accept the absolute-form in requests", and "the
            // origin server MUST ignore the received Host header field (if any) and instead
            // use the host information of the request-target".
            case ABSOLUTE -> absolute(target.raw());
        };
    }

    /** The URI as one string: {@code scheme://authority} then the path and query. */
    public String uri() {
        return scheme + "://" + authority + pathAndQuery;
    }

    /**
     * RFC 9112 §3.2.3: {@code authority-form = uri-host ":" port}; RFC 9110 §9.3.6: "A server
     * MUST reject a CONNECT request that targets an empty or invalid port number".
     */
    private static String connectAuthority(String raw) throws HttpException {
        UriAuthority a = UriAuthority.parse(raw);
        if (a == null || a.host().isEmpty() || a.port() <= 0) {
            throw HttpException.badRequest("CONNECT needs host:port with a port from 1 to 65535");
        }
        return raw;
    }

    /** {@code http-URI = "http" "://" authority path-abempty [ "?" query ]} (RFC 9110 §4.2.1), or https. */
    private static TargetUri absolute(String raw) throws HttpException {
        int colon = raw.indexOf(':');
        // URI schemes are case-insensitive (RFC 3986 §3.1).
        String scheme = raw.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            // An origin server serves http and https URIs; authority-form, which would also
            // look like scheme ":" something, is only for CONNECT (RFC 9112 §3.2.3).
            throw HttpException.badRequest("absolute-form with scheme " + scheme + ": this server serves http and https URIs");
        }
        if (!raw.startsWith("//", colon + 1)) {
            throw HttpException.badRequest("an http(s) URI has an authority: scheme \"://\" host");
        }
        int start = colon + 3;
        int end = start;
        while (end < raw.length() && "/?#".indexOf(raw.charAt(end)) < 0) {
            end++;
        }
        String authority = raw.substring(start, end);
        // RFC 9110 §4.2.4: a recipient "SHOULD parse for userinfo and treat its presence as an error".
        if (authority.indexOf('@') >= 0) {
            throw HttpException.badRequest("userinfo (user@host) in an http(s) URI");
        }
        UriAuthority a = UriAuthority.parse(authority);
        if (a == null) {
            throw HttpException.badRequest("invalid authority in the absolute-form target");
        }
        // RFC 9110 §4.2.1: "A sender MUST NOT generate an "http" URI with an empty host
        // identifier. A recipient that processes such a URI reference MUST reject it as invalid."
        if (a.host().isEmpty()) {
            throw HttpException.badRequest("an http(s) URI with an empty host");
        }
        return new TargetUri(scheme, authority, raw.substring(end));
    }
}
