package dev.netlab.http1;

import dev.netlab.kit.StubException;

/**
 * The target URI of a request, rebuilt from its request-target and {@code Host} field
 * (RFC 9112 §3.3) after checking the rules of RFC 9112 §3.2 that need both. The request
 * parser reads the syntax of the line and the fields; these rules are the server's: both
 * engines ({@code HttpConnection} and the given {@code LoopConnection}) call {@link #of}
 * for every request head, before anything else, and answer its {@link HttpException}.
 *
 * <pre>
 *   request-target  ──► target URI                      (RFC 9112 §3.3)
 *   /where?q=now       http://{Host}/where?q=now          origin-form: the authority is Host
 *   http://a/b         http://a/b                         absolute-form: Host is ignored
 *   a.example:443      http://a.example:443               authority-form (CONNECT): no path
 *   *                  http://{Host}                      asterisk-form (OPTIONS): no path
 * </pre>
 *
 * <p>Your job, {@link #of}: every refusal is {@link HttpException#badRequest 400 and close}.
 * <ul>
 * <li>Host (RFC 9112 §3.2): more than one {@code Host} field line is 400 (any version); none
 *     at all is 400 for HTTP/1.1 (an HTTP/1.0 request may lack it); a value that is not
 *     {@code uri-host [ ":" port ]} is 400 — the given {@link UriAuthority#parse} returns
 *     null then (an empty value is valid). Check the value even when the target is in
 *     absolute-form.</li>
 * <li>origin-form and asterisk-form: scheme {@code "http"} (this server listens on plain
 *     TCP), authority = the Host value ({@code ""} without one), path and query = the
 *     target (origin-form) or {@code ""} (asterisk-form).</li>
 * <li>absolute-form (RFC 9112 §3.2.2, RFC 9110 §4.2): accept it — the server MUST — and
 *     ignore the Host value: the authority is the target's. The scheme (case-insensitive,
 *     returned in lower case) must be {@code http} or {@code https}, followed by
 *     {@code "://"}; the authority runs to the first '/', '?' or '#'; userinfo ('@') is
 *     400, an authority {@link UriAuthority#parse} refuses is 400, an empty host is 400
 *     ("A recipient that processes such a URI reference MUST reject it as invalid"). The
 *     rest of the target is the path and query (possibly empty).</li>
 * <li>authority-form (CONNECT only; RFC 9110 §9.3.6): a non-empty host and a port from 1 to
 *     65535 ("A server MUST reject a CONNECT request that targets an empty or invalid port
 *     number"); the authority is the target, the path and query {@code ""}.</li>
 * </ul>
 *
 * @param scheme        "http" or "https" (lower case)
 * @param authority     the authority as received (from the target, or the Host value), possibly empty
 * @param pathAndQuery  the path and query as received, "" for authority- and asterisk-form
 */
public record TargetUri(String scheme, String authority, String pathAndQuery) {
    /** Checks RFC 9112 §3.2's rules and reconstructs the target URI (RFC 9112 §3.3). */
    public static TargetUri of(RequestHead head) throws HttpException {
        throw StubException.notImplemented("3.05", "The incremental request parser: every split, pipelined messages", "day3-http11/README.md#the-request-target-and-host");
    }

    /** The URI as one string: {@code scheme://authority} then the path and query. */
    public String uri() {
        return scheme + "://" + authority + pathAndQuery;
    }
}
