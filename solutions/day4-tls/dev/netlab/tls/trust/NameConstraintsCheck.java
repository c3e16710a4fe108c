package dev.netlab.tls.trust;

import dev.netlab.tls.der.CertificateReader;
import dev.netlab.tls.der.CertificateSummary;
import dev.netlab.tls.der.DerException;
import dev.netlab.tls.der.DerReader;
import dev.netlab.tls.der.Oids;
import dev.netlab.tls.der.Tlv;
import java.net.InetAddress;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RFC 5280 §4.2.1.10 name constraints for dNSName and iPAddress, the two kinds a TLS client
 * compares (the lab CA carries them: it may only certify loopback, private addresses and
 * reserved names).
 *
 * <pre>
 * NameConstraints ::= SEQUENCE {
 *      permittedSubtrees       [0]     GeneralSubtrees OPTIONAL,
 *      excludedSubtrees        [1]     GeneralSubtrees OPTIONAL }
 * GeneralSubtrees ::= SEQUENCE SIZE (1..MAX) OF GeneralSubtree
 * GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] 0, maximum [1] OPTIONAL }
 * </pre>
 *
 * "DNS name restrictions are expressed as host.example.com. Any DNS name that can be
 * constructed by simply adding zero or more labels to the left-hand side of the name satisfies
 * the name constraint." An iPAddress constraint is an address and a mask (8 or 32 octets).
 */
final class NameConstraintsCheck {
    private NameConstraintsCheck() {}

    private static final int DNS = Tlv.context(2, false);
    private static final int IP = Tlv.context(7, false);

    private record Subtrees(List<String> dns, List<byte[]> ip) {}

    /** Checks the certificates below each issuer of {@code path} (leaf first) that has nameConstraints. */
    static void check(List<X509Certificate> path) throws TrustException {
        for (int i = 1; i < path.size(); i++) {
            byte[] extension = path.get(i).getExtensionValue(Oids.NAME_CONSTRAINTS);
            if (extension == null) {
                continue;
            }
            try {
                DerReader outer = new DerReader(extension);
                DerReader constraints = outer.wrapped(outer.read(Tlv.OCTET_STRING)).enter(Tlv.SEQUENCE);
                Tlv permittedTlv = constraints.readOptional(Tlv.context(0, true));
                Tlv excludedTlv = constraints.readOptional(Tlv.context(1, true));
                Subtrees permitted = permittedTlv == null ? null : subtrees(constraints.enter(permittedTlv));
                Subtrees excluded = excludedTlv == null ? null : subtrees(constraints.enter(excludedTlv));
                for (int below = 0; below < i; below++) {
                    checkNames(path.get(below), path.get(i), permitted, excluded);
                }
            } catch (DerException e) {
                throw new TrustException(TrustFailure.MALFORMED, "the nameConstraints of " + PathValidator.name(path.get(i))
                        + " cannot be read: " + e.getMessage());
            }
        }
    }

    private static Subtrees subtrees(DerReader list) throws DerException {
        List<String> dns = new ArrayList<>();
        List<byte[]> ip = new ArrayList<>();
        while (list.hasMore()) {
            DerReader subtree = list.enter(Tlv.SEQUENCE);
            Tlv base = subtree.read();
            if (base.tag() == DNS) {
                dns.add(new String(base.value(), java.nio.charset.StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT));
            } else if (base.tag() == IP) {
                ip.add(base.value());
            }
        }
        return new Subtrees(dns, ip);
    }

    private static void checkNames(X509Certificate certificate, X509Certificate issuer, Subtrees permitted, Subtrees excluded)
            throws TrustException, DerException {
        CertificateSummary summary;
        try {
            summary = CertificateReader.read(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new TrustException(TrustFailure.MALFORMED, e.getMessage());
        }
        for (String dns : summary.dnsNames()) {
            String name = dns.toLowerCase(Locale.ROOT);
            boolean allowed = permitted == null || permitted.dns().isEmpty()
                    || permitted.dns().stream().anyMatch(c -> dnsWithin(name, c));
            boolean refused = excluded != null && excluded.dns().stream().anyMatch(c -> dnsWithin(name, c));
            if (!allowed || refused) {
                throw new TrustException(TrustFailure.NAME_CONSTRAINTS, PathValidator.name(issuer) + " may not certify the name " + dns);
            }
        }
        for (InetAddress address : summary.ipAddresses()) {
            byte[] octets = address.getAddress();
            boolean allowed = permitted == null || permitted.ip().isEmpty()
                    || permitted.ip().stream().anyMatch(c -> ipWithin(octets, c));
            boolean refused = excluded != null && excluded.ip().stream().anyMatch(c -> ipWithin(octets, c));
            if (!allowed || refused) {
                throw new TrustException(TrustFailure.NAME_CONSTRAINTS, PathValidator.name(issuer)
                        + " may not certify the address " + address.getHostAddress());
            }
        }
    }

    static boolean dnsWithin(String name, String constraint) {
        if (constraint.startsWith(".")) {
            return name.endsWith(constraint); // the common ".example.com": subdomains only
        }
        return name.equals(constraint) || name.endsWith("." + constraint);
    }

    static boolean ipWithin(byte[] address, byte[] constraint) {
        if (constraint.length != 2 * address.length) {
            return false; // an IPv4 range never holds an IPv6 address
        }
        for (int i = 0; i < address.length; i++) {
            int mask = constraint[address.length + i] & 0xFF;
            if ((address[i] & mask) != (constraint[i] & mask)) {
                return false;
            }
        }
        return true;
    }
}
