package dev.netlab.websocket.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.Frames;
import dev.netlab.websocket.Utf8Cases;
import dev.netlab.websocket.WebSocketException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Incremental UTF-8. Mistakes it catches: overlong forms (C0 80, E0 80 80, F0 80 80 80)
 * accepted, surrogates ED A0 80 accepted, code points above U+10FFFF (F4 90 ..., F5..FF)
 * accepted, state lost across calls (a code point split over two frames fails or slips
 * through), failing only at the end of the message instead of at the first bad octet, a
 * message ending inside a sequence accepted.
 */
@Checkpoint(id = "6.06", title = "Incremental UTF-8 validation",
        edit = "dev/netlab/websocket/message/Utf8Validator.java",
        hint = "keep (octets still due, lowest and highest allowed next octet) across calls: E0 needs A0-BF next, ED 80-9F, F0 90-BF, F4 80-8F; C0, C1, F5-FF never start anything",
        readme = "#utf-8")
class Utf8ValidatorTest {
    /** The index of the octet at which {@code v} fails when fed one octet at a time, or -1. */
    private static int failsAt(byte[] data) {
        Utf8Validator v = new Utf8Validator();
        for (int i = 0; i < data.length; i++) {
            try {
                v.feed(data, i, 1);
            } catch (WebSocketException e) {
                assertThat(e.code()).isEqualTo(CloseCode.INVALID_PAYLOAD);
                return i;
            }
        }
        try {
            v.finish();
        } catch (WebSocketException e) {
            assertThat(e.code()).isEqualTo(CloseCode.INVALID_PAYLOAD);
            return data.length;
        }
        return -1;
    }

    @Test
    @DisplayName("every Autobahn 6.5-6.23 vector is judged right, fed whole and one octet at a time")
    void autobahnVectors() throws Exception {
        int valid = 0;
        int invalid = 0;
        for (Utf8Cases.Case c : Utf8Cases.all()) {
            assertThat(Utf8Validator.isValid(c.payload())).as("%s", c).isEqualTo(c.valid());
            assertThat(failsAt(c.payload()) < 0).as("%s, octet by octet", c).isEqualTo(c.valid());
            if (c.valid()) {
                valid++;
            } else {
                invalid++;
            }
        }
        System.out.printf("UTF-8 vectors: %d valid and %d invalid judged right%n", valid, invalid);
        assertThat(valid + invalid).isEqualTo(132);
    }

    @Test
    @DisplayName("§8.1 fail fast: the error comes at the first octet no valid UTF-8 can continue with (an oracle built on the JDK's strict decoder agrees)")
    void failFast() throws Exception {
        for (Utf8Cases.Case c : Utf8Cases.all()) {
            if (!c.valid()) {
                assertThat(failsAt(c.payload())).as("%s", c).isEqualTo(Utf8Oracle.failsAt(c.payload()));
            }
        }
        assertThat(failsAt(Frames.hex("cebae1bdb9cf83cebcceb5eda080656469746564"))).as("κόσμε then a surrogate").isEqualTo(12);
        assertThat(failsAt(Frames.hex("48656c6c6ff4908080"))).as("F4 90: above U+10FFFF, known at the 90").isEqualTo(6);
    }

    @Test
    @DisplayName("a code point split over two, three or four calls (fragments) is valid; every 2-way split of the vectors agrees")
    void acrossCalls() throws Exception {
        byte[] text = "κόσμε €𝄞 aé".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= text.length; cut++) {
            Utf8Validator v = new Utf8Validator();
            v.feed(text, 0, cut);
            v.feed(text, cut, text.length - cut);
            v.finish();
        }
        for (Utf8Cases.Case c : Utf8Cases.all()) {
            for (int cut = 0; cut <= c.payload().length; cut++) {
                Utf8Validator v = new Utf8Validator();
                boolean ok;
                try {
                    v.feed(c.payload(), 0, cut);
                    v.feed(c.payload(), cut, c.payload().length - cut);
                    v.finish();
                    ok = true;
                } catch (WebSocketException e) {
                    ok = false;
                }
                assertThat(ok).as("%s cut at %d", c, cut).isEqualTo(c.valid());
            }
        }
    }

    @Test
    @DisplayName("a message may not end inside a sequence; after finish() or an error the validator starts clean")
    void endsAndResets() throws Exception {
        Utf8Validator v = new Utf8Validator();
        v.feed(Frames.hex("e282"), 0, 2);
        assertThat(v.atBoundary()).isFalse();
        assertThatThrownBy(v::finish).isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.INVALID_PAYLOAD);
        v.feed(Frames.utf8("ok"), 0, 2);
        v.finish();
        assertThatThrownBy(() -> v.feed(Frames.hex("c0af"), 0, 2)).isInstanceOf(WebSocketException.class);
        v.reset();
        byte[] ascii = new byte[1000];
        java.util.Arrays.fill(ascii, (byte) 'a');
        ascii[997] = (byte) 0xff;
        assertThatThrownBy(() -> v.feed(ascii, 0, ascii.length)).as("a bad octet after many ASCII ones (the fast path)")
                .isInstanceOf(WebSocketException.class);
        v.reset();
        v.feed(ascii, 0, 997);
        assertThat(v.atBoundary()).isTrue();
    }
}
