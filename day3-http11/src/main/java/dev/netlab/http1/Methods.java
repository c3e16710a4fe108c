package dev.netlab.http1;

import java.util.Set;

/**
 * The request methods this server recognises: RFC 9110 §9's eight, PATCH (RFC 5789), and
 * the WebDAV/extension methods of the IANA "HTTP Method Registry" that common parsers such
 * as llhttp know. A method is a case-sensitive token (RFC 9110 §9.1); a well-formed token
 * that is not here gets 501 Not Implemented.
 */
public final class Methods {
    private Methods() {}

    private static final Set<String> REGISTERED = Set.of(
            "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
            "ACL", "BIND", "CHECKOUT", "COPY", "LINK", "LOCK", "MERGE", "MKACTIVITY", "MKCALENDAR",
            "MKCOL", "MOVE", "M-SEARCH", "NOTIFY", "PROPFIND", "PROPPATCH", "PURGE", "QUERY",
            "REBIND", "REPORT", "SEARCH", "SOURCE", "SUBSCRIBE", "UNBIND", "UNLINK", "UNLOCK",
            "UNSUBSCRIBE");

    /** The longest registered method's length: a longer token cannot be one. */
    public static final int LONGEST = REGISTERED.stream().mapToInt(String::length).max().orElseThrow();

    public static boolean isRegistered(String method) {
        return REGISTERED.contains(method);
    }
}
