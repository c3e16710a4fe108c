package dev.netlab.tls.hello;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.tls.TlsException;

/**
 * Coverage-guided fuzzing of the ClientHello parser (Jazzer): any octets after a client_hello
 * header must parse or give a {@link TlsException}. Regression inputs (a real openssl hello and a
 * truncated one): {@code ClientHelloFuzzTestInputs/clientHello/}.
 */
@Checkpoint(id = "4.05", title = "ClientHello: every field and extension, GREASE, real clients",
        edit = "dev/netlab/tls/hello/ClientHelloParser.java",
        hint = "legacy_version(2) random(32) session_id<0..32> cipher_suites<2..2^16-2> compression<1..255> extensions<..>; every vector has its own length prefix",
        readme = "#the-clienthello")
class ClientHelloFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void clientHello(byte[] input) {
        try {
            ClientHelloParser.parse(input);
        } catch (TlsException expected) {
            // the one error type allowed
        }
    }
}
