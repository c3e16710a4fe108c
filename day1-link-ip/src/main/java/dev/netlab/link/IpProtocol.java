package dev.netlab.link;

/**
 * IP protocol numbers: the IPv4 Protocol field (RFC 791 §3.1) and the IPv6 Next Header
 * field (RFC 8200 §3) share one registry, kept by IANA ("Assigned Internet Protocol
 * Numbers"). Only the numbers this course meets are named here.
 */
public final class IpProtocol {
    /** IPv6 Hop-by-Hop Options (RFC 8200 §4.3). */
    public static final int HOPOPT = 0;
    /** Internet Control Message Protocol (RFC 792). */
    public static final int ICMP = 1;
    /** Transmission Control Protocol (RFC 9293). */
    public static final int TCP = 6;
    /** User Datagram Protocol (RFC 768). */
    public static final int UDP = 17;
    /** Routing Header for IPv6 (RFC 8200 §4.4). */
    public static final int IPV6_ROUTE = 43;
    /** Fragment Header for IPv6 (RFC 8200 §4.5). */
    public static final int IPV6_FRAG = 44;
    /** Encapsulating Security Payload (RFC 4303). */
    public static final int ESP = 50;
    /** Authentication Header (RFC 4302). */
    public static final int AH = 51;
    /** ICMP for IPv6 (RFC 4443). */
    public static final int ICMPV6 = 58;
    /** No Next Header for IPv6 (RFC 8200 §4.7). */
    public static final int IPV6_NONXT = 59;
    /** Destination Options for IPv6 (RFC 8200 §4.6). */
    public static final int IPV6_OPTS = 60;
    /** Mobility Header (RFC 6275). */
    public static final int MOBILITY = 135;
    /** Host Identity Protocol (RFC 7401). */
    public static final int HIP = 139;
    /** Shim6 Protocol (RFC 5533). */
    public static final int SHIM6 = 140;

    private IpProtocol() {
    }

    /** A short name for a protocol number, e.g. {@code "UDP"}, or {@code "proto-253"} when unnamed here. */
    public static String name(int protocol) {
        return switch (protocol) {
            case HOPOPT -> "IPv6-HopByHop";
            case ICMP -> "ICMP";
            case TCP -> "TCP";
            case UDP -> "UDP";
            case IPV6_ROUTE -> "IPv6-Route";
            case IPV6_FRAG -> "IPv6-Frag";
            case ESP -> "ESP";
            case AH -> "AH";
            case ICMPV6 -> "ICMPv6";
            case IPV6_NONXT -> "IPv6-NoNxt";
            case IPV6_OPTS -> "IPv6-Opts";
            case MOBILITY -> "Mobility";
            case HIP -> "HIP";
            case SHIM6 -> "Shim6";
            default -> "proto-" + protocol;
        };
    }

    /**
     * Whether a Next Header value names an IPv6 extension header (RFC 8200 §4 and the
     * IANA "IPv6 Extension Header Types" registry). ESP is listed there too, but its
     * contents are encrypted: a decoder stops walking the chain at ESP.
     */
    public static boolean isIpv6ExtensionHeader(int nextHeader) {
        return switch (nextHeader) {
            case HOPOPT, IPV6_ROUTE, IPV6_FRAG, ESP, AH, IPV6_OPTS, MOBILITY, HIP, SHIM6 -> true;
            default -> false;
        };
    }
}
