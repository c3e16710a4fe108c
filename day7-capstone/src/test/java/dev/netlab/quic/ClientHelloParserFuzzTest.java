package dev.netlab.quic;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of {@link ClientHelloParser} and {@link TransportParametersParser}
 * (Jazzer). One input is a handshake message. Only {@link QuicException} may escape (a TLS
 * alert, or TRANSPORT_PARAMETER_ERROR); a ClientHello that parses has a 32-octet random and
 * at most 32 octets of session ID. The same input is also read as transport parameters alone.
 * Seeds: RFC 9001 A.2's ClientHello and its transport parameters under
 * {@code ClientHelloParserFuzzTestInputs/parse/}.
 * Fuzz it: {@code ./lab fuzz day7-capstone 10 ClientHelloParserFuzzTest} (lab-kit/README.md#fuzzing).
 */
@Checkpoint(id = "7.26", title = "The TLS ClientHello inside, and its QUIC transport parameters",
        edit = {"dev/netlab/quic/ClientHelloParser.java", "dev/netlab/quic/TransportParametersParser.java"},
        hint = "every TLS vector has its length first (1, 2 or 3 octets): read it, check it fits, then read inside it; transport parameters are id (i), length (i), value",
        readme = "ADVANCED.md#the-clienthello-inside")
class ClientHelloParserFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("ClientHelloParser", QuicException.class);
    @RegisterExtension
    static final FuzzRule PARAMETERS = FuzzRule.allowing("TransportParametersParser", QuicException.class);

    @FuzzTest(maxDuration = "10m")
    void parse(byte[] input) {
        RULE.check(input, () -> {
            ClientHello h = ClientHelloParser.parse(input);
            if (h.random().length != 32 || h.sessionId().length > 32 || h.cipherSuites().isEmpty()) {
                throw new AssertionError("accepted an impossible ClientHello: " + h);
            }
        });
        PARAMETERS.check(input, () -> TransportParametersParser.parse(input));
    }
}
