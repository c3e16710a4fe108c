package dev.netlab.chat.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutboundTest {

    @Test
    @DisplayName("a frame's octets are its UTF-8 encoding, made once (1-4 octets a character, a lone surrogate as '?')")
    void octetsAreTheUtf8Length() {
        for (String text : List.of("", "{\"type\":\"message\"}", "café", "€ and 中文", "😀 pair", "x\ud800y", "\udc00",
                "\ud83d", "a\ud83d\ude00\ud800\ud800\ude00")) {
            Outbound o = new Outbound(text, 0);
            assertThat(o.utf8()).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
            assertThat(o.octets()).as(text).isEqualTo(o.utf8().length);
        }
    }

    @Test
    @DisplayName("equal frames at the same time are equal (not by the octets' identity), and it prints its frame")
    void equalityAndTextFollowTheFrame() {
        Outbound a = new Outbound("{\"type\":\"message\"}", 123);
        assertThat(a).isEqualTo(new Outbound("{\"type\":\"message\"}", 123)).hasSameHashCodeAs(new Outbound("{\"type\":\"message\"}", 123));
        assertThat(a).isNotEqualTo(new Outbound("{\"type\":\"message\"}", 124)).isNotEqualTo(Outbound.of("{}"));
        assertThat(a.utf8()).isSameAs(a.utf8()); // encoded once, shared by every delivery
        assertThat(a).hasToString("Outbound[{\"type\":\"message\"}, receivedNanos=123]");
        assertThat(Outbound.of("x".repeat(1000)).toString()).hasSize("Outbound[".length() + 200 + "... (1000 characters), receivedNanos=0]".length());
    }
}
