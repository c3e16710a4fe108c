package dev.netlab.websocket.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.WebSocketException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Differential fuzzing of the UTF-8 validator against the JDK's strict decoder (Jazzer): for
 * any octets, valid or not, both must agree, fed whole and fed in two pieces split at a point
 * the input chooses. Regression inputs: {@code src/test/resources/dev/netlab/websocket/message/Utf8ValidatorFuzzTestInputs/agreesWithTheJdk/}.
 */
@Checkpoint(id = "6.06", title = "Incremental UTF-8 validation",
        edit = "dev/netlab/websocket/message/Utf8Validator.java",
        hint = "the JDK's decoder with CodingErrorAction.REPORT is the oracle: surrogates, overlongs and > U+10FFFF are invalid",
        readme = "#utf-8")
class Utf8ValidatorFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void agreesWithTheJdk(byte[] input) {
        boolean jdk = !StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(input), CharBuffer.allocate(input.length + 1), true).isError();
        assertThat(Utf8Validator.isValid(input)).as("whole").isEqualTo(jdk);
        int cut = input.length == 0 ? 0 : (input[0] & 0xFF) % (input.length + 1);
        Utf8Validator v = new Utf8Validator();
        boolean pieces;
        try {
            v.feed(input, 0, cut);
            v.feed(input, cut, input.length - cut);
            v.finish();
            pieces = true;
        } catch (WebSocketException e) {
            pieces = false;
        }
        assertThat(pieces).as("split at %d", cut).isEqualTo(jdk);
    }
}
