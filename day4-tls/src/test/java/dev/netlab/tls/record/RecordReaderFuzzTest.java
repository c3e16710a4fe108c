package dev.netlab.tls.record;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import dev.netlab.tls.TlsException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of the record reader (Jazzer; lab-kit/README.md#fuzzing): the input,
 * fed whole and then in pieces of 1 to 16 octets (the first octet's low bits), must give the same
 * records or the same {@link TlsException} at the same offset; nothing else may escape, time and
 * memory are bounded (a claimed 2^16-octet record must not be allocated before it is checked).
 * Seeds: the kept inputs under {@code RecordReaderFuzzTestInputs/records/} (an openssl hello
 * record, an oversized record, a plain-HTTP request). Fuzz it:
 * {@code ./lab fuzz day4-tls 10 RecordReaderFuzzTest --solutions}.
 */
@Checkpoint(id = "4.04", title = "The record layer: an incremental record reader",
        edit = "dev/netlab/tls/record/RecordReader.java",
        hint = "type(1) version(2) length(2, big-endian, <= 2^14+256), then the fragment; keep your place in fields when the input runs out",
        readme = "#the-record-layer")
class RecordReaderFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("RecordReader", TlsException.class);

    @FuzzTest(maxDuration = "10m")
    void records(byte[] input) {
        RULE.check(input, () -> {
            String whole = read(input, input.length);
            String pieces = read(input, input.length == 0 ? 1 : 1 + (input[0] & 0x0F));
            if (!whole.equals(pieces)) {
                throw new AssertionError("RecordReader read the input whole and in pieces differently\nwhole: " + whole + "\npieces: " + pieces);
            }
        });
    }

    private static String read(byte[] input, int piece) {
        RecordReader reader = new RecordReader();
        StringBuilder seen = new StringBuilder();
        try {
            for (int from = 0; from < input.length; from += piece) {
                ByteBuffer in = ByteBuffer.wrap(input, from, Math.min(piece, input.length - from));
                for (TlsRecord r = reader.read(in); r != null; r = reader.read(in)) {
                    seen.append(r).append(';');
                }
            }
        } catch (TlsException e) {
            seen.append(e.alert()).append('@').append(e.offset());
        }
        return seen.toString();
    }
}
