package dev.netlab.http2.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.netlab.http2.hpack.HeaderField;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The given {@link Response} (not a checkpoint: it passes on both tracks). What a handler may put
 * in a response is checked where the handler puts it, so the server never writes a field that
 * RFC 9113 forbids a sender to generate.
 */
class ResponseTest {
    @Test
    @DisplayName("RFC 9113 §8.2: names are lowercased; §8.2.2 connection-specific fields, §8.3 pseudo-header fields and §8.2.1 NUL/CR/LF in values are refused")
    void fieldsAHandlerMaySet() {
        Response r = Response.text(200, "x").header("X-Trace", "a b");
        assertThat(r.headers()).contains(new HeaderField("x-trace", "a b"));
        assertThatIllegalArgumentException().isThrownBy(() -> r.header("Connection", "close"));
        assertThatIllegalArgumentException().isThrownBy(() -> r.header("transfer-encoding", "chunked"));
        assertThatIllegalArgumentException().isThrownBy(() -> r.header(":status", "204"));
        assertThatIllegalArgumentException().isThrownBy(() -> r.header(":path", "/"));
        assertThatIllegalArgumentException().isThrownBy(() -> r.header("x", "a\r\nset-cookie: y"));
        assertThatIllegalArgumentException().isThrownBy(() -> r.header("x", "a\nb"));
        assertThatIllegalArgumentException().isThrownBy(() -> r.header("x", "a\u0000b"));
    }
}
