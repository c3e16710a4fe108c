package dev.netlab.websocket.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.WebSocketException;

/**
 * Coverage-guided fuzzing of the inflater (Jazzer): arbitrary octets as compressed messages,
 * split into fragments where the input says. Only {@link WebSocketException} may escape, and
 * never more than the limit is handed on, whatever a bomb would inflate to. Regression inputs:
 * {@code src/test/resources/dev/netlab/websocket/deflate/MessageInflaterFuzzTestInputs/messages/}.
 */
@Checkpoint(id = "6.12", title = "permessage-deflate: compressing and inflating messages",
        edit = {"dev/netlab/websocket/deflate/MessageInflater.java"},
        hint = "check the inflated size on every chunk; turn DataFormatException into a WebSocketException",
        readme = "#permessage-deflate")
class MessageInflaterFuzzTest {
    private static final long LIMIT = 1 << 16;

    @FuzzTest(maxDuration = "10m")
    void messages(byte[] input) {
        for (boolean noContext : new boolean[] {false, true}) {
            MessageInflater inflater = new MessageInflater(noContext, LIMIT);
            long[] handed = {0};
            ByteSink sink = (b, o, l) -> handed[0] += l;
            int at = 0;
            try {
                for (int message = 0; message < 4 && at <= input.length; message++) {
                    handed[0] = 0;
                    int len = Math.min(input.length - at, input.length / 2 + 1);
                    int cut = len / 2;
                    inflater.inflate(input, at, cut, sink);
                    inflater.inflate(input, at + cut, len - cut, sink);
                    inflater.finish(sink);
                    assertThat(handed[0]).isLessThanOrEqualTo(LIMIT);
                    at += Math.max(len, 1);
                }
            } catch (WebSocketException expected) {
                assertThat(handed[0]).isLessThanOrEqualTo(LIMIT + 8192);
            } finally {
                inflater.close();
            }
        }
    }
}
