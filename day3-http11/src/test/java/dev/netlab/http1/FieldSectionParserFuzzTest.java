package dev.netlab.http1;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the header section parser (Jazzer; lab-kit/README.md#fuzzing): each
 * input is a header section read with small limits (16 lines, 1024 octets), whole and in pieces
 * of 1 to 8 octets, then every field looked up by name. Only {@link HttpException} may escape,
 * both feedings must give the same fields or the same error, time and memory are bounded.
 * Seeds: the kept inputs under {@code FieldSectionParserFuzzTestInputs/read/} and the header
 * section of every llhttp request case. Fuzz it: {@code ./lab fuzz day3-http11 10 FieldSectionParserFuzzTest}.
 */
@Checkpoint(id = "3.02", title = "Header fields: grammar, limits, case-insensitive lookup",
        edit = {"dev/netlab/http1/FieldSectionParser.java", "dev/netlab/http1/HeaderFields.java"},
        hint = "token ':' OWS value OWS CRLF; reject whitespace before the colon and obs-fold; count every octet against the 431 budget",
        readme = "#header-fields")
class FieldSectionParserFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("FieldSectionParser", HttpException.class);

    static Stream<Named<byte[]>> llhttp() {
        return LlhttpSeeds.requests("FieldSectionParserFuzzTest", LlhttpSeeds::afterRequestLine);
    }

    @MethodSource("llhttp")
    @DictionaryFile(resourcePath = "http1.dict")
    @FuzzTest(maxDuration = "10m")
    void read(byte[] input) {
        RULE.check(input, () -> EventTranscript.sameWholeAndInPieces("FieldSectionParser",
                section(), section(), input));
    }

    /** The parser as a decoder of one message: the fields once the section is complete; the body after it is skipped. */
    private static EventTranscript.Decoder section() {
        FieldSectionParser parser = new FieldSectionParser(EventTranscript.SMALL.maxHeaderCount(),
                EventTranscript.SMALL.maxHeaderBytes());
        return EventTranscript.oneMessage(in -> {
            if (!parser.read(in)) {
                return ParseEvent.NEED_MORE;
            }
            HeaderFields fields = parser.fields();
            for (HeaderFields.Field f : fields.fields()) {
                // a lookup by name finds every field of the section, whatever the case (RFC 9110 §5.1)
                String upper = f.name().toUpperCase(Locale.ROOT);
                if (fields.first(upper).isEmpty()) {
                    throw new AssertionError("HeaderFields.first(\"" + upper + "\") found nothing, yet the section has " + f);
                }
            }
            return new ParseEvent.Complete(fields);
        });
    }
}
