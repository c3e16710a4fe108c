package dev.netlab.quic;

import java.util.HexFormat;

/**
 * The rule of every QUIC fuzz target (lab-kit/README.md "Fuzzing", until lab-kit's FuzzRule is
 * merged here): only {@link QuicException} may escape a decoder; any other exception, or a
 * broken invariant the target checks, is a finding that names the input.
 */
final class FuzzChecks {
    private FuzzChecks() {}

    interface Body {
        void run() throws QuicException;
    }

    static void onlyQuicException(String decoder, byte[] input, Body body) {
        try {
            body.run();
        } catch (QuicException expected) {
            // the protocol's own verdict: fine
        } catch (dev.netlab.kit.StubException stub) {
            throw stub; // not a finding: the checkpoint is not done yet
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(decoder + " let " + e + " escape on input " + hex(input), e);
        }
    }

    static String hex(byte[] input) {
        return input.length > 256 ? HexFormat.of().formatHex(input, 0, 256) + "... (" + input.length + " octets)"
                : HexFormat.of().formatHex(input);
    }
}
