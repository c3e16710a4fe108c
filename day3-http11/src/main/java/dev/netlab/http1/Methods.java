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

    /** The registered methods, the most common first: {@link #registered} tries them in this order. */
    private static final String[] BY_FREQUENCY = {
            "GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE",
            "ACL", "BIND", "CHECKOUT", "COPY", "LINK", "LOCK", "MERGE", "MKACTIVITY", "MKCALENDAR",
            "MKCOL", "MOVE", "M-SEARCH", "NOTIFY", "PROPFIND", "PROPPATCH", "PURGE", "QUERY",
            "REBIND", "REPORT", "SEARCH", "SOURCE", "SUBSCRIBE", "UNBIND", "UNLINK", "UNLOCK",
            "UNSUBSCRIBE"};

    private static final Set<String> REGISTERED = Set.of(BY_FREQUENCY);

    /** The longest registered method's length: a longer token cannot be one. */
    public static final int LONGEST = REGISTERED.stream().mapToInt(String::length).max().orElseThrow();

    public static boolean isRegistered(String method) {
        return REGISTERED.contains(method);
    }

    /**
     * The registered method spelled by the first {@code length} octets of {@code octets}
     * (case-sensitive), as the shared constant, or null: a parser recognises a method
     * without making a new {@code String} for every request.
     */
    public static String registered(byte[] octets, int length) {
        for (String m : BY_FREQUENCY) {
            if (spells(m, octets, length)) {
                return m;
            }
        }
        return null;
    }

    private static boolean spells(String method, byte[] octets, int length) {
        if (method.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (method.charAt(i) != octets[i]) {
                return false;
            }
        }
        return true;
    }
}
