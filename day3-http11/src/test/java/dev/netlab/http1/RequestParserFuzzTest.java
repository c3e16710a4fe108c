package dev.netlab.http1;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the request parser (Jazzer; lab-kit/README.md#fuzzing). Each input
 * is a stream of pipelined requests, parsed with small limits, fed whole and then in pieces of
 * 1 to 8 octets: only {@link HttpException} may escape, both feedings must report the same
 * events, and each input is answered in bounded time and memory. Seeds: the kept inputs under
 * {@code src/test/resources/dev/netlab/http1/RequestParserFuzzTestInputs/parse/} and every
 * llhttp request case. Fuzz it: {@code ./lab fuzz day3-http11 10 RequestParserFuzzTest}.
 */
@Checkpoint(id = "3.05", title = "The incremental request parser: every split, pipelined messages",
        edit = "dev/netlab/http1/RequestParser.java",
        hint = "line, headers, BodyLength, then fixed or chunked body; report Head, Data..., Complete; start over after Complete",
        readme = "#an-incremental-parser")
class RequestParserFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("RequestParser", HttpException.class);

    static Stream<Named<byte[]>> llhttp() {
        return LlhttpSeeds.requests("RequestParserFuzzTest", input -> input);
    }

    @MethodSource("llhttp")
    @DictionaryFile(resourcePath = "http1.dict")
    @FuzzTest(maxDuration = "10m")
    void parse(byte[] input) {
        RULE.check(input, () -> EventTranscript.sameWholeAndInPieces("RequestParser",
                new RequestParser(EventTranscript.SMALL)::next, new RequestParser(EventTranscript.SMALL)::next, input));
    }
}
