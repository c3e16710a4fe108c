package dev.netlab.tls.trust;

import dev.netlab.tls.der.CertificateReader;
import dev.netlab.tls.der.CertificateSummary;
import dev.netlab.tls.der.DerException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Is this certificate for the server the client meant to reach? The rules of RFC 9525 §6
 * (which replaced RFC 6125):
 *
 * <ul>
 *   <li>A host that is an IP address literal ({@code 127.0.0.1}, {@code ::1}, {@code [::1]}) is
 *       compared with the iPAddress entries of subjectAltName only, octet for octet (§6.4.4:
 *       "the client ... MUST NOT seek a match ... with a DNS-ID"); a DNS host with dNSName
 *       entries only.</li>
 *   <li>DNS names compare case-insensitively (ASCII), after dropping one trailing dot.</li>
 *   <li>A wildcard is accepted only as the complete left-most label ({@code *.example.com}),
 *       matches exactly one label ({@code a.example.com}, never {@code example.com} or
 *       {@code a.b.example.com}) and needs at least two labels after it ({@code *.com} matches
 *       nothing). §6.3: "the client ... MUST NOT attempt to match a presented identifier in which
 *       the wildcard character comprises a label other than the left-most label" and partial
 *       wildcards ({@code f*.example.com}) are not matched either.</li>
 *   <li>No fallback to the subject's common name, even without subjectAltName: RFC 9525 §2
 *       drops CN-IDs ("no longer supported").</li>
 * </ul>
 */
public final class HostnameMatcher {
    private HostnameMatcher() {}

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /** Refuses with {@link TrustFailure#HOSTNAME_MISMATCH} unless {@code certificate} is for {@code host}. */
    public static void verify(String host, X509Certificate certificate) throws TrustException {
        CertificateSummary summary;
        try {
            summary = CertificateReader.read(certificate.getEncoded());
        } catch (DerException | CertificateEncodingException e) {
            throw new TrustException(TrustFailure.MALFORMED, "the certificate cannot be read: " + e.getMessage());
        }
        if (!matches(host, summary.dnsNames(), summary.ipAddresses())) {
            throw new TrustException(TrustFailure.HOSTNAME_MISMATCH, "the certificate is for DNS " + summary.dnsNames()
                    + " and IP " + summary.ipAddresses().stream().map(InetAddress::getHostAddress).toList() + ", not " + host
                    + (summary.dnsNames().isEmpty() && summary.ipAddresses().isEmpty()
                            ? " (it has no subjectAltName; its common name is not a host name: RFC 9525 §2)" : ""));
        }
    }

    /** Whether {@code host} (a DNS name or an address literal) matches one of the names. */
    public static boolean matches(String host, List<String> dnsNames, List<InetAddress> ipAddresses) {
        byte[] address = addressLiteral(host);
        if (address != null) {
            return ipAddresses.stream().anyMatch(a -> java.util.Arrays.equals(a.getAddress(), address));
        }
        String reference = normalize(host);
        if (reference.isEmpty() || reference.contains("*")) {
            return false;
        }
        return dnsNames.stream().anyMatch(presented -> dnsMatches(reference, normalize(presented)));
    }

    /** One reference name against one presented dNSName, both normalised. */
    static boolean dnsMatches(String reference, String presented) {
        if (!presented.contains("*")) {
            return !presented.isEmpty() && reference.equals(presented);
        }
        if (!presented.startsWith("*.") || presented.indexOf('*', 1) >= 0) {
            return false; // partial or inner wildcards: never
        }
        String parent = presented.substring(2);
        if (parent.indexOf('.') <= 0) {
            return false; // *.com, *.localhost: too broad
        }
        int dot = reference.indexOf('.');
        return dot > 0 && reference.substring(dot + 1).equals(parent);
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** The octets of an IPv4 or IPv6 literal (brackets allowed), or null for a DNS name. No lookup is ever made. */
    static byte[] addressLiteral(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IPV4.matcher(literal).matches() && !literal.contains(":")) {
            return null;
        }
        if (literal.contains("%") || !literal.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
