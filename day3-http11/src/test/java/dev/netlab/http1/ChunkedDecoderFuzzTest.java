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
 * Coverage-guided fuzzing of the chunked decoder (Jazzer; lab-kit/README.md#fuzzing): each input
 * is a chunked body, decoded with small limits whole and in pieces of 1 to 8 octets. Only
 * {@link HttpException} may escape, both feedings must agree, time and memory are bounded.
 * Seeds: the kept inputs under {@code ChunkedDecoderFuzzTestInputs/decode/} and the body of every
 * llhttp request case. Fuzz it: {@code ./lab fuzz day3-http11 10 ChunkedDecoderFuzzTest}.
 */
@Checkpoint(id = "3.04", title = "The chunked decoder: sizes, extensions, trailers, limits",
        edit = "dev/netlab/http1/ChunkedDecoder.java",
        hint = "hex size [; ext] CRLF, data, CRLF ... 0 CRLF, then a trailer section read like headers; check sizes against the limit digit by digit",
        readme = "#chunked-transfer-coding")
class ChunkedDecoderFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("ChunkedDecoder", HttpException.class);

    static Stream<Named<byte[]>> llhttp() {
        return LlhttpSeeds.requests("ChunkedDecoderFuzzTest", LlhttpSeeds::afterHead);
    }

    @MethodSource("llhttp")
    @DictionaryFile(resourcePath = "http1.dict")
    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        RULE.check(input, () -> EventTranscript.sameWholeAndInPieces("ChunkedDecoder",
                chunked(), chunked(), input));
    }

    /** After the last chunk and the trailers the decoder is done; what follows is the next request. */
    private static EventTranscript.Decoder chunked() {
        return EventTranscript.oneMessage(new ChunkedDecoder(EventTranscript.SMALL)::next);
    }
}
