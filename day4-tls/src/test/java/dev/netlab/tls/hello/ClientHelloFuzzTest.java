package dev.netlab.tls.hello;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import dev.netlab.tls.TlsException;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of the ClientHello parser (Jazzer; lab-kit/README.md#fuzzing): each
 * input is the body of a client_hello handshake message. It parses, or fails with a
 * {@link TlsException}; nothing else may escape, time and memory are bounded (no vector allocated
 * by the length it claims). Seeds: the
 * kept inputs under {@code ClientHelloFuzzTestInputs/clientHello/} (a real openssl hello and a
 * truncated one). Fuzz it: {@code ./lab fuzz day4-tls 10 ClientHelloFuzzTest --solutions}.
 */
@Checkpoint(id = "4.05", title = "ClientHello: every field and extension, GREASE, real clients",
        edit = "dev/netlab/tls/hello/ClientHelloParser.java",
        hint = "legacy_version(2) random(32) session_id<0..32> cipher_suites<2..2^16-2> compression<1..255> extensions<..>; every vector has its own length prefix",
        readme = "#the-clienthello")
class ClientHelloFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("ClientHelloParser", TlsException.class);

    @FuzzTest(maxDuration = "10m")
    void clientHello(byte[] input) {
        RULE.check(input, () -> ClientHelloParser.parse(input));
    }
}
