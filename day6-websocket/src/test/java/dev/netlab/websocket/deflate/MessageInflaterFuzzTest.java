package dev.netlab.websocket.deflate;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.WebSocketException;
import java.util.zip.CRC32;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of the inflater (Jazzer; lab-kit/README.md#fuzzing): each input is up
 * to four compressed messages in a row, with and without context takeover, inflated by one
 * inflater fed each message whole and by another fed it in two fragments split where the input
 * says. Only {@link WebSocketException} may escape, with 1007 or 1009; both feedings must hand on
 * the same octets (compared by CRC) for every message they inflate and both fail or both not; never more than the limit is handed on, whatever a
 * bomb would inflate to; time and heap per input are bounded by the rule (the inflater's 8 KiB
 * output buffer, not the inflated size). Seeds: RFC 7692 §7.2.3's "Hello" and its BFINAL form,
 * a stored block, garbage, a zlib stream with a preset dictionary, a 1 MiB bomb (under
 * {@code MessageInflaterFuzzTestInputs/messages/}).
 * Fuzz it: {@code ./lab fuzz day6-websocket 10 MessageInflaterFuzzTest}.
 */
@Checkpoint(id = "6.12", title = "permessage-deflate: compressing and inflating messages",
        edit = {"dev/netlab/websocket/deflate/MessageInflater.java"},
        hint = "check the inflated size on every chunk; turn DataFormatException into a WebSocketException",
        readme = "#permessage-deflate")
class MessageInflaterFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("MessageInflater", WebSocketException.class);

    private static final long LIMIT = 1 << 16;

    @FuzzTest(maxDuration = "10m")
    void messages(byte[] input) {
        RULE.check(input, () -> {
            for (boolean noContext : new boolean[] {false, true}) {
                String whole = inflate(input, noContext, false);
                String pieces = inflate(input, noContext, true);
                if (!whole.equals(pieces)) {
                    throw new AssertionError("MessageInflater (no_context_takeover=" + noContext
                            + ") inflated differently whole and in two fragments:\n  whole:  " + whole
                            + "\n  pieces: " + pieces);
                }
            }
        });
    }

    /** Each message's inflated length and CRC, then how it ended. */
    private static String inflate(byte[] input, boolean noContext, boolean split) {
        MessageInflater inflater = new MessageInflater(noContext, LIMIT);
        StringBuilder said = new StringBuilder();
        CRC32 crc = new CRC32();
        long[] handed = {0};
        ByteSink sink = (b, o, l) -> {
            handed[0] += l;
            crc.update(b, o, l);
        };
        int at = 0;
        try {
            for (int message = 0; message < 4 && at <= input.length; message++) {
                handed[0] = 0;
                crc.reset();
                int len = Math.min(input.length - at, input.length / 2 + 1);
                if (split) {
                    int cut = len / 2;
                    inflater.inflate(input, at, cut, sink);
                    inflater.inflate(input, at + cut, len - cut, sink);
                } else {
                    inflater.inflate(input, at, len, sink);
                }
                inflater.finish(sink);
                bounded(handed[0]);
                said.append(handed[0]).append('/').append(Long.toHexString(crc.getValue())).append("; ");
                at += Math.max(len, 1);
            }
            return said.append("end").toString();
        } catch (WebSocketException e) {
            bounded(handed[0]);
            if (e.code() != CloseCode.INVALID_PAYLOAD && e.code() != CloseCode.MESSAGE_TOO_BIG) {
                throw new AssertionError("MessageInflater failed with " + e.code() + ": only 1007 (bad DEFLATE data) "
                        + "or 1009 (too big once inflated) fit");
            }
            // Not the code: for a message both too big and corrupt, java.util.zip decides which shows first. An
            // Inflater.inflate call that produces octets and then meets bad data throws, and its octets are lost;
            // fed in fragments, the call that crosses the limit may end before the bad data (kept input crash-e38da6...).
            return said.append("fail").toString();
        } finally {
            inflater.close();
        }
    }

    private static void bounded(long handed) {
        if (handed > LIMIT) {
            throw new AssertionError("MessageInflater handed on " + handed + " octets of one message (limit " + LIMIT + ")");
        }
    }
}
