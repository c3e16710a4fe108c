package dev.netlab.tls.pem;

/**
 * One PEM block (RFC 7468): its label and the octets its base64 text decodes to.
 *
 * <pre>
 * -----BEGIN CERTIFICATE-----      label "CERTIFICATE"
 * MIIBszCCAVmgAwIBAgIUZ...         base64 of the DER octets, 64 characters a line
 * -----END CERTIFICATE-----        the same label again
 * </pre>
 *
 * @param label what the block holds: {@code CERTIFICATE}, {@code PRIVATE KEY} (PKCS#8),
 *        {@code EC PRIVATE KEY} (SEC 1), {@code RSA PRIVATE KEY} (PKCS#1), ...
 * @param der the decoded octets, usually DER
 */
public record PemBlock(String label, byte[] der) {
    public PemBlock {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    @Override
    public String toString() {
        return "PemBlock[" + label + ", " + der.length + " octets]";
    }
}
