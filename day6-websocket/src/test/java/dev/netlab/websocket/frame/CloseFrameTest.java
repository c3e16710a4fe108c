package dev.netlab.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.Frames;
import dev.netlab.websocket.WebSocketException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Close payloads. Mistakes it catches: a one-octet payload accepted, the code read
 * little-endian, local-only codes (1005, 1006, 1015) or reserved ones (1004, 1016–2999, 0–999,
 * 5000+) accepted from the wire, registered ones (1012–1014, 3000–4999) refused, a non-UTF-8
 * reason accepted (or one that ends inside a UTF-8 sequence: the validator never told the
 * reason ended), a long reason cut in the middle of a character or past 123 octets.
 */
@Checkpoint(id = "6.08", title = "Close frames: codes and reasons",
        edit = "dev/netlab/websocket/frame/CloseFrame.java",
        hint = "empty = no code (1005); else 2 octets big-endian + UTF-8 reason; valid codes: 1000-1003, 1007-1014, 3000-4999",
        readme = "#closing")
class CloseFrameTest {
    @Test
    @DisplayName("§5.5.1: an empty payload is 'no status' (1005); a code and a UTF-8 reason parse")
    void parses() throws Exception {
        assertThat(CloseFrame.parse(new byte[0], 0, 0)).isEqualTo(new CloseFrame(1005, ""));
        byte[] p = Frames.closePayload(1000, "bye ✓");
        assertThat(CloseFrame.parse(p, 0, p.length)).isEqualTo(new CloseFrame(1000, "bye ✓"));
        byte[] inner = Frames.concat(new byte[] {9, 9}, Frames.closePayload(4321, "x"));
        assertThat(CloseFrame.parse(inner, 2, 3)).isEqualTo(new CloseFrame(4321, "x"));
    }

    @ParameterizedTest(name = "code {0} is valid")
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    @DisplayName("Autobahn 7.7.x: the valid codes are accepted")
    void validCodes(int code) throws Exception {
        assertThat(CloseFrame.isValidCode(code)).isTrue();
        byte[] p = Frames.closePayload(code, "");
        assertThat(CloseFrame.parse(p, 0, 2).code()).isEqualTo(code);
    }

    @ParameterizedTest(name = "code {0} is invalid")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    @DisplayName("Autobahn 7.9.x and 7.13.x: reserved, local-only and undefined codes fail the connection (1002)")
    void invalidCodes(int code) {
        assertThat(CloseFrame.isValidCode(code)).isFalse();
        assertThatThrownBy(() -> CloseFrame.parse(Frames.closePayload(code, ""), 0, 2))
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("Autobahn 7.3.2 and 7.5.1: a one-octet payload is 1002; a reason that is not UTF-8 is 1007")
    void malformed() {
        assertThatThrownBy(() -> CloseFrame.parse(new byte[] {0x03}, 0, 1))
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.PROTOCOL_ERROR);
        byte[] bad = Frames.concat(Frames.hex("03e8"), Frames.hex("cebae1bdb9cf83cebcceb5eda080656469746564"));
        assertThatThrownBy(() -> CloseFrame.parse(bad, 0, bad.length))
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.INVALID_PAYLOAD);
    }

    @Test
    @DisplayName("encode: the code big-endian, then the reason, cut at a character boundary to fit 123 octets")
    void encodes() {
        assertThat(CloseFrame.encode(1000, "")).isEqualTo(Frames.hex("03e8"));
        assertThat(CloseFrame.encode(1001, "bye")).isEqualTo(Frames.hex("03e9627965"));
        assertThat(CloseFrame.encode(4999, null)).isEqualTo(Frames.hex("1387"));
        byte[] fits = CloseFrame.encode(1000, "x".repeat(123));
        assertThat(fits).hasSize(125);
        byte[] cut = CloseFrame.encode(1008, "é".repeat(70)); // 140 octets of reason
        assertThat(cut).hasSize(2 + 122);
        assertThat(new String(cut, 2, cut.length - 2, StandardCharsets.UTF_8)).isEqualTo("é".repeat(61));
        byte[] longAscii = CloseFrame.encode(1000, "y".repeat(500));
        assertThat(longAscii).hasSize(125);
    }

    @Test
    @DisplayName("§5.5.1 and §8.1: a reason that ends inside a UTF-8 sequence is not UTF-8 (1007), also when the payload ends mid-character in a larger array")
    void reasonEndsInsideACharacter() {
        byte[] cut = Frames.hex("03e8" + "627965ce"); // 1000, "bye" then CE: the first octet of κ, its tail missing
        assertThatThrownBy(() -> CloseFrame.parse(cut, 0, cut.length))
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.INVALID_PAYLOAD);
        byte[] inner = Frames.hex("03e8" + "ceba" + "ffff"); // the payload is the first 3 octets: 03 e8 ce
        assertThatThrownBy(() -> CloseFrame.parse(inner, 0, 3))
                .isInstanceOf(WebSocketException.class).extracting("code").isEqualTo(CloseCode.INVALID_PAYLOAD);
    }
}
