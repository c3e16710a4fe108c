package dev.netlab.http1;

/**
 * A request-target as sent on the request line, with its form (RFC 9112 §3.2).
 *
 * <pre>
 *   request-target = origin-form      ; /where?q=now          (most requests)
 *                  / absolute-form    ; http://www.example.org/pub/WWW/  (to proxies)
 *                  / authority-form   ; www.example.com:80    (CONNECT only)
 *                  / asterisk-form    ; *                     (server-wide OPTIONS only)
 * </pre>
 *
 * @param raw the octets exactly as received (US-ASCII)
 */
public record RequestTarget(Form form, String raw) {
    public enum Form { ORIGIN, ABSOLUTE, AUTHORITY, ASTERISK }

    /** The path: {@code raw} up to '?' for origin-form, the path part of absolute-form, else "". */
    public String path() {
        String s = raw;
        if (form == Form.ABSOLUTE) {
            int scheme = s.indexOf("://");
            int slash = scheme < 0 ? -1 : s.indexOf('/', scheme + 3);
            int q = s.indexOf('?', scheme < 0 ? 0 : scheme + 3);
            if (slash < 0 || (q >= 0 && q < slash)) {
                return "/";
            }
            s = s.substring(slash);
        } else if (form != Form.ORIGIN) {
            return "";
        }
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    /** The query after '?', without it; null when there is none. */
    public String query() {
        int q = raw.indexOf('?');
        return q < 0 || form == Form.AUTHORITY ? null : raw.substring(q + 1);
    }
}
