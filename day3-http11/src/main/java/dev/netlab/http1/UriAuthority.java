package dev.netlab.http1;

/**
 * The host and port of a URI's authority as HTTP uses them (given): the value of a
 * {@code Host} field (RFC 9110 §7.2), the authority of an absolute-form target, or an
 * authority-form target. The grammar is RFC 3986's (§3.2.2, §3.2.3), checked octet by octet:
 *
 * <pre>
 *   Host        = uri-host [ ":" port ]                 ; RFC 9110 §7.2
 *   uri-host    = IP-literal / IPv4address / reg-name   ; RFC 3986 §3.2.2
 *   IP-literal  = "[" ( IPv6address / IPvFuture  ) "]"
 *   IPvFuture   = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
 *   reg-name    = *( unreserved / pct-encoded / sub-delims )   ; may be empty
 *   port        = *DIGIT                                 ; may be empty
 *   unreserved  = ALPHA / DIGIT / "-" / "." / "_" / "~"
 *   sub-delims  = "!" / "$" / "&amp;" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="
 * </pre>
 *
 * An IPv4address is also a reg-name, so it needs no rule of its own here. There is no room
 * for userinfo ({@code user@host}): '@' is neither in reg-name nor in port. A port above
 * 65535 matches {@code *DIGIT} but names no TCP port, so it is refused too.
 *
 * @param host the uri-host as received (IP-literals with their brackets), possibly empty
 * @param port the port, or -1 when there is none (or it is empty, as in {@code example.org:})
 */
public record UriAuthority(String host, int port) {
    /** TCP ports are 16 bits. */
    private static final int MAX_PORT = 65_535;

    private static final boolean[] REG_NAME = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            REG_NAME[c] = true;
            REG_NAME[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            REG_NAME[c] = true;
        }
        for (char c : "-._~!$&'()*+,;=".toCharArray()) {
            REG_NAME[c] = true;
        }
    }

    /** {@code uri-host [ ":" port ]}, or null when {@code value} does not match that grammar. */
    public static UriAuthority parse(String value) {
        String host;
        String rest;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || !isIpLiteralContent(value.substring(1, close))) {
                return null;
            }
            host = value.substring(0, close + 1);
            rest = value.substring(close + 1);
        } else {
            int colon = value.indexOf(':');
            host = colon < 0 ? value : value.substring(0, colon);
            rest = colon < 0 ? "" : value.substring(colon);
            if (!isRegName(host)) {
                return null;
            }
        }
        if (rest.isEmpty()) {
            return new UriAuthority(host, -1);
        }
        if (rest.charAt(0) != ':') {
            return null;
        }
        int port = port(rest.substring(1));
        return port == Integer.MIN_VALUE ? null : new UriAuthority(host, port);
    }

    /** {@code *DIGIT} up to 65535: its value, -1 when empty, {@link Integer#MIN_VALUE} when invalid. */
    private static int port(String digits) {
        if (digits.isEmpty()) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return Integer.MIN_VALUE;
            }
            value = value * 10 + (c - '0');
            if (value > MAX_PORT) {
                return Integer.MIN_VALUE; // also stops an overflowing run of digits early
            }
        }
        return value;
    }

    /** reg-name: unreserved, sub-delims, and "%" HEXDIG HEXDIG; may be empty. */
    private static boolean isRegName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Abnf.hexValue(s.charAt(i + 1)) < 0 || Abnf.hexValue(s.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            } else if (c >= 128 || !REG_NAME[c]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpLiteralContent(String s) {
        if (!s.isEmpty() && (s.charAt(0) == 'v' || s.charAt(0) == 'V')) {
            return isIpvFuture(s);
        }
        return isIpv6(s);
    }

    /** {@code "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )}. */
    private static boolean isIpvFuture(String s) {
        int dot = s.indexOf('.');
        if (dot < 2 || dot == s.length() - 1) {
            return false;
        }
        for (int i = 1; i < dot; i++) {
            if (Abnf.hexValue(s.charAt(i)) < 0) {
                return false;
            }
        }
        for (int i = dot + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ':' && (c >= 128 || !REG_NAME[c])) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 3986 §3.2.2's IPv6address: eight groups of 1–4 hex digits separated by ':', the last
     * two of which may be an IPv4 address, with at most one "::" standing for one or more
     * groups of zeros.
     */
    static boolean isIpv6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        if (gap < 0) {
            return groups(s, true) == 8;
        }
        String head = s.substring(0, gap);
        String tail = s.substring(gap + 2);
        int before = head.isEmpty() ? 0 : groups(head, false);
        int after = tail.isEmpty() ? 0 : groups(tail, true);
        return before >= 0 && after >= 0 && before + after <= 7;
    }

    /** The number of 16-bit groups in {@code h16 *( ":" h16 ) [ ":" IPv4address ]}, or -1. */
    private static int groups(String s, boolean ipv4AtEnd) {
        String[] parts = s.split(":", -1);
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && ipv4AtEnd && p.indexOf('.') >= 0) {
                if (!isIpv4(p)) {
                    return -1;
                }
                n += 2;
            } else if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Abnf.hexValue(c) >= 0)) {
                return -1;
            } else {
                n++;
            }
        }
        return n;
    }

    /** {@code dec-octet "." dec-octet "." dec-octet "." dec-octet}, each 0–255 without leading zeros. */
    private static boolean isIpv4(String s) {
        String[] octets = s.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3 || (o.length() > 1 && o.charAt(0) == '0')
                    || !o.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }
}
