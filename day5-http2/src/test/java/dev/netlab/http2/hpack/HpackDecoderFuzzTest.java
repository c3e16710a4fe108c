package dev.netlab.http2.hpack;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of the HPACK decoder (Jazzer): any octets after the first, cut into two
 * field blocks that share one context (the first octet says where), must decode or give an {@link Http2Exception} — never another
 * exception, and never more fields kept than the header list limit allows. Regression inputs:
 * {@code HpackDecoderFuzzTestInputs/blocks/}; fuzz for real with
 * {@code ./lab fuzz day5-http2 10 HpackDecoderFuzzTest}.
 */
@Checkpoint(id = "5.06", title = "HPACK: the decoder (every representation, size updates, errors, list limit)",
        edit = "dev/netlab/http2/hpack/HpackDecoder.java",
        hint = "only Http2Exception may leave the decoder: every index, length and integer is checked before use",
        readme = "#hpack")
class HpackDecoderFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("HpackDecoder", Http2Exception.class);

    private static final int LIST_LIMIT = 8192;

    @FuzzTest(maxDuration = "10m")
    void blocks(byte[] input) {
        RULE.check(input, () -> decode(input));
    }

    private static void decode(byte[] input) throws Http2Exception {
        HpackDecoder decoder = new HpackDecoder(4096, LIST_LIMIT);
        if (input.length == 0) {
            return;
        }
        // the first octet says where the second block starts; the rest are the two blocks
        int cut = 1 + (input[0] & 0xff) % input.length;
        for (ByteBuffer block : new ByteBuffer[] {ByteBuffer.wrap(input, 1, cut - 1), ByteBuffer.wrap(input, cut, input.length - cut)}) {
            FieldBlock fields = decoder.decode(block);
            long kept = fields.fields().stream().mapToLong(HeaderField::size).sum();
            if (kept > LIST_LIMIT || block.hasRemaining()) {
                throw new AssertionError("kept " + kept + " octets of fields, " + block.remaining() + " left undecoded");
            }
            if (decoder.table().size() > decoder.table().maxSize()) {
                throw new AssertionError("the table grew past its maximum");
            }
        }
    }
}
