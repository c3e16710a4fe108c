package dev.netlab.tls.der;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of the DER and certificate readers (Jazzer; lab-kit/README.md#fuzzing):
 * each input is read as a certificate by {@link CertificateReader}, then element by element by
 * {@link DerReader}, every OID, time, INTEGER, BIT STRING and string decoded by {@link DerValues}.
 * Only {@link DerException} may escape; time and memory are bounded (a length past the end must
 * not be allocated). Seeds: the kept inputs under {@code DerFuzzTestInputs/certificate/} (the lab
 * CA's and server's certificates, truncated, indefinite-length and 100-deep DER) and every finding
 * kept after its fix. Fuzz it: {@code ./lab fuzz day4-tls 10 DerFuzzTest --solutions}.
 */
@Checkpoint(id = "4.02", title = "ASN.1 DER by hand: the fields of a certificate",
        edit = {"dev/netlab/tls/der/DerReader.java", "dev/netlab/tls/der/DerValues.java", "dev/netlab/tls/der/CertificateReader.java"},
        hint = "tag, then length (short form < 128, else 0x80|n and n big-endian octets), then check it fits BEFORE reading; OIDs are base-128",
        readme = "#asn1-der-by-hand")
class DerFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("CertificateReader/DerReader", DerException.class);

    @FuzzTest(maxDuration = "10m")
    void certificate(byte[] input) {
        RULE.check(input, () -> {
            try {
                CertificateReader.read(input);
            } catch (DerException expected) {
                // the one error type allowed; the element walk below runs either way
            }
            for (Tlv tlv : DerReader.parseAll(input)) {
                switch (tlv.tag()) {
                    case Tlv.OID -> DerValues.oid(tlv);
                    case Tlv.UTC_TIME, Tlv.GENERALIZED_TIME -> DerValues.time(tlv);
                    case Tlv.INTEGER -> DerValues.integer(tlv);
                    case Tlv.BIT_STRING -> DerValues.bitString(tlv);
                    case Tlv.UTF8_STRING, Tlv.PRINTABLE_STRING, Tlv.IA5_STRING, Tlv.BMP_STRING -> DerValues.string(tlv);
                    default -> {
                        // nothing to decode
                    }
                }
            }
        });
    }
}
