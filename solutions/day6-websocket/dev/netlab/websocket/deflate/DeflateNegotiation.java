package dev.netlab.websocket.deflate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's half of permessage-deflate negotiation (RFC 7692 §5, §7.1): read the client's
 * offers from {@code Sec-WebSocket-Extensions}, accept the first one this server supports, and
 * say so in the response.
 *
 * <pre>
 *   extension-list  = 1#extension                                   ; RFC 6455 §9.1
 *   extension       = extension-token *( ";" extension-param )
 *   extension-param = token [ "=" (token | quoted-string) ]
 *
 *   Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10, permessage-deflate
 *                             └──────────── offer 1 ───────────────────┘  └──── offer 2 ─────┘
 * </pre>
 *
 * This server compresses with {@link java.util.zip.Deflater}, whose LZ77 window is always
 * 2^15: it cannot honour {@code server_max_window_bits} below 15 and declines such an offer
 * (§7.1.2.1: "A server declines an extension negotiation offer with this parameter if the
 * server doesn't support it"), taking the client's next offer if there is one. It inflates
 * anything, so every {@code client_max_window_bits} is fine.
 */
public final class DeflateNegotiation {
    public static final String NAME = "permessage-deflate";

    private DeflateNegotiation() {}

    /** The agreement for the first acceptable permessage-deflate offer in these field values, or null. */
    public static DeflateAgreement negotiate(List<String> extensionFieldValues) {
        for (String value : extensionFieldValues) {
            List<String> offers = splitOutsideQuotes(value, ',');
            for (String offer : offers) {
                DeflateAgreement accepted = tryOffer(offer);
                if (accepted != null) {
                    return accepted;
                }
            }
        }
        return null;
    }

    /** One offer: the agreement, or null to decline it (another extension, or parameters we must decline). */
    static DeflateAgreement tryOffer(String offer) {
        List<String> parts = splitOutsideQuotes(offer, ';');
        if (parts.isEmpty() || !parts.get(0).strip().equalsIgnoreCase(NAME)) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (String part : parts.subList(1, parts.size())) {
            String p = part.strip();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String v = eq < 0 ? null : unquote(p.substring(eq + 1).strip());
            if (name.isEmpty() || eq >= 0 && v == null) {
                return null;
            }
            // §7: "The negotiation offer contains multiple extension parameters with the same name" -> decline
            if (params.containsKey(name)) {
                return null;
            }
            params.put(name, v);
        }
        boolean serverNoTakeover = false;
        boolean clientNoTakeover = false;
        int serverBits = 15;
        int clientBits = 15;
        for (Map.Entry<String, String> p : params.entrySet()) {
            String v = p.getValue();
            switch (p.getKey()) {
                case "server_no_context_takeover" -> {
                    if (v != null) {
                        return null; // §7.1.1.1: this parameter has no value
                    }
                    serverNoTakeover = true;
                }
                case "client_no_context_takeover" -> {
                    if (v != null) {
                        return null;
                    }
                    clientNoTakeover = true;
                }
                case "server_max_window_bits" -> {
                    // §7.1.2.1: "a value ... MUST conform to ... 8..15"; without a value it is invalid
                    int bits = windowBits(v);
                    if (bits < 0 || bits < 15) {
                        return null; // invalid, or a window java.util.zip cannot compress within
                    }
                    serverBits = bits;
                }
                case "client_max_window_bits" -> {
                    // §7.1.2.2: may have no value (the client merely supports the parameter)
                    if (v != null) {
                        int bits = windowBits(v);
                        if (bits < 0) {
                            return null;
                        }
                        clientBits = bits;
                    }
                }
                default -> {
                    return null; // "an extension parameter not defined for use in an offer"
                }
            }
        }
        StringBuilder response = new StringBuilder(NAME);
        if (serverNoTakeover) {
            // §7.1.1.1: "A server accepts an offer with this parameter by including the server_no_context_takeover
            // extension parameter in the corresponding response"
            response.append("; server_no_context_takeover");
        }
        if (clientNoTakeover) {
            response.append("; client_no_context_takeover");
        }
        if (params.containsKey("server_max_window_bits")) {
            response.append("; server_max_window_bits=").append(serverBits);
        }
        return new DeflateAgreement(new DeflateParameters(serverNoTakeover, clientNoTakeover, serverBits, clientBits),
                response.toString());
    }

    /** 8–15 written as 1*DIGIT without leading zeros (§7.1.2.1), or -1. */
    private static int windowBits(String v) {
        if (v == null || v.isEmpty() || v.length() > 2 || v.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return -1;
            }
        }
        int bits = Integer.parseInt(v);
        return bits >= 8 && bits <= 15 ? bits : -1;
    }

    /** A token, or a quoted-string without its quotes and escapes; null if malformed. */
    private static String unquote(String v) {
        if (v.isEmpty()) {
            return null;
        }
        if (v.charAt(0) != '"') {
            return v;
        }
        if (v.length() < 2 || v.charAt(v.length() - 1) != '"') {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() - 1) {
                c = v.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Splits at {@code sep} outside double quotes. */
    private static List<String> splitOutsideQuotes(String s, char sep) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == sep && !quoted) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        out.removeIf(String::isBlank);
        return out;
    }
}
