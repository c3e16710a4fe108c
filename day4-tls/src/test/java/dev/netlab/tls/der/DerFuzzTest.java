package dev.netlab.tls.der;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;

/**
 * Coverage-guided fuzzing of the DER and certificate readers (Jazzer). In a normal test run the
 * regression inputs under {@code src/test/resources/dev/netlab/tls/der/DerFuzzTestInputs/certificate/}
 * run (a real certificate, truncated, indefinite-length and 100-deep inputs); to fuzz for real:
 * {@code JAZZER_FUZZ=1 ./mvnw -Psolutions -pl day4-tls test -Dtest=DerFuzzTest}.
 * Only {@link DerException} may escape; nothing may hang or allocate by an untrusted length
 * (Jazzer reports an out-of-memory or a timeout as a finding).
 */
@Checkpoint(id = "4.02", title = "ASN.1 DER by hand: the fields of a certificate",
        edit = {"dev/netlab/tls/der/DerReader.java", "dev/netlab/tls/der/DerValues.java", "dev/netlab/tls/der/CertificateReader.java"},
        hint = "tag, then length (short form < 128, else 0x80|n and n big-endian octets), then check it fits BEFORE reading; OIDs are base-128",
        readme = "#asn1-der-by-hand")
class DerFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void certificate(byte[] input) {
        try {
            CertificateReader.read(input);
        } catch (DerException expected) {
            // the one error type allowed
        }
        try {
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
        } catch (DerException expected) {
            // the one error type allowed
        }
    }
}
