package dev.netlab.websocket.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.WebSocketException;
import java.util.Arrays;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Differential fuzzing of the UTF-8 validator against the JDK's strict decoder (Jazzer;
 * lab-kit/README.md#fuzzing): for any octets, valid or not, the validator must agree with the
 * JDK fed whole, fed in two pieces split where the input's first octet says, and fed one octet
 * at a time; and when it fails, it fails fast: at the first octet after which no valid UTF-8 can
 * follow (the octets before it still extend to valid text, those up to it do not), always with
 * 1007. Only {@link WebSocketException} may escape. Seeds: κόσμε, an overlong, a surrogate,
 * F4 90 (above U+10FFFF), a truncated 4-octet sequence, ASCII then FF (under
 * {@code Utf8ValidatorFuzzTestInputs/agreesWithTheJdk/}).
 * Fuzz it: {@code ./lab fuzz day6-websocket 10 Utf8ValidatorFuzzTest}.
 */
@Checkpoint(id = "6.06", title = "Incremental UTF-8 validation",
        edit = "dev/netlab/websocket/message/Utf8Validator.java",
        hint = "keep (octets still due, lowest and highest allowed next octet) across calls: E0 needs A0-BF next, ED 80-9F, F0 90-BF, F4 80-8F; C0, C1, F5-FF never start anything",
        readme = "#utf-8")
class Utf8ValidatorFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("Utf8Validator", WebSocketException.class);

    @FuzzTest(maxDuration = "10m")
    void agreesWithTheJdk(byte[] input) {
        boolean jdk = Utf8Oracle.valid(input);
        int[] failedAt = {-1};
        RULE.check(input, () -> {
            agree("whole", Utf8Validator.isValid(input), jdk, input);
            int cut = input.length == 0 ? 0 : (input[0] & 0xFF) % (input.length + 1);
            Utf8Validator split = new Utf8Validator();
            agree("split at " + cut, fedWithoutError(() -> {
                split.feed(input, 0, cut);
                split.feed(input, cut, input.length - cut);
                split.finish();
            }), jdk, input);
            failedAt[0] = failsAt(input);
            agree("octet by octet", failedAt[0] < 0, jdk, input);
        });
        // Outside the rule's allocation budget, which is the validator's (it allocates nothing); the oracle allocates.
        int at = failedAt[0];
        if (at >= 0 && at < input.length) {
            // fail fast (RFC 6455 §8.1, Autobahn 6.x): after octet at-1 valid text could still follow, after octet at none
            if (!Utf8Oracle.validPrefix(Arrays.copyOf(input, at)) || Utf8Oracle.validPrefix(Arrays.copyOf(input, at + 1))) {
                throw new AssertionError("Utf8Validator failed at octet " + at + " of " + hex(input)
                        + ", not at the first octet no valid UTF-8 can follow");
            }
        }
    }

    private interface Feeding {
        void run() throws WebSocketException;
    }

    private static boolean fedWithoutError(Feeding feeding) {
        try {
            feeding.run();
            return true;
        } catch (WebSocketException e) {
            if (e.code() != CloseCode.INVALID_PAYLOAD) {
                throw new AssertionError("Utf8Validator failed with " + e.code() + ", not 1007 (invalid payload)");
            }
            return false;
        }
    }

    /** Where the validator fails fed one octet at a time (input.length: only at finish()), or -1. */
    private static int failsAt(byte[] input) {
        Utf8Validator v = new Utf8Validator();
        for (int i = 0; i < input.length; i++) {
            int octet = i;
            if (!fedWithoutError(() -> v.feed(input, octet, 1))) {
                return i;
            }
        }
        return fedWithoutError(v::finish) ? -1 : input.length;
    }

    private static void agree(String how, boolean validator, boolean jdk, byte[] input) {
        if (validator != jdk) {
            throw new AssertionError("Utf8Validator, fed " + how + ", says " + (validator ? "valid" : "invalid")
                    + " where the JDK's strict decoder says " + (jdk ? "valid" : "invalid") + ": " + hex(input));
        }
    }

    private static String hex(byte[] input) {
        String h = java.util.HexFormat.ofDelimiter(" ").formatHex(input, 0, Math.min(input.length, 64));
        return input.length > 64 ? h + " ... (" + input.length + " octets)" : h;
    }
}
