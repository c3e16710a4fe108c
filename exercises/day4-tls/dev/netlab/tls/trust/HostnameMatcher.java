package dev.netlab.tls.trust;

import dev.netlab.kit.StubException;
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

    /** Refuses with {@link TrustFailure#HOSTNAME_MISMATCH} unless {@code certificate} is for {@code host}. */
    public static void verify(String host, X509Certificate certificate) throws TrustException {
        throw StubException.notImplemented("4.03", "Trust: a path to the lab CA, host names, each refusal named", "day4-tls/README.md#trust-paths-and-host-names");
    }

    /** Whether {@code host} (a DNS name or an address literal) matches one of the names. */
    public static boolean matches(String host, List<String> dnsNames, List<InetAddress> ipAddresses) {
        throw StubException.notImplemented("4.03", "Trust: a path to the lab CA, host names, each refusal named", "day4-tls/README.md#trust-paths-and-host-names");
    }
}
