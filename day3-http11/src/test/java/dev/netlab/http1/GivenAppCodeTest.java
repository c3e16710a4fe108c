package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.http1.app.MimeTypes;
import dev.netlab.http1.app.RouteParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The given application pieces (not exercises): media types, Response bodies, route parameters. */
class GivenAppCodeTest {
    @Test
    @DisplayName("media types by extension, case-insensitive, octet-stream otherwise")
    void mimeTypes() {
        assertThat(MimeTypes.of("index.HTML")).startsWith("text/html");
        assertThat(MimeTypes.of("app.js")).startsWith("text/javascript");
        assertThat(MimeTypes.of("logo.svg")).isEqualTo("image/svg+xml");
        assertThat(MimeTypes.of("README")).isEqualTo(MimeTypes.DEFAULT);
        assertThat(MimeTypes.of("trailing.")).isEqualTo(MimeTypes.DEFAULT);
    }

    @Test
    @DisplayName("Response builder and RouteParams accessors")
    void responseAndParams() {
        // (Response's header methods use HeaderFields, an exercise of 3.02: tested by the checkpoints)
        Response r = Response.of(Status.OK).body(new Response.Bytes("héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(r.body().length()).isEqualTo(6);
        assertThat(Response.of(Status.NO_CONTENT).body()).isEqualTo(Response.EMPTY);
        RouteParams p = new RouteParams(Map.of("id", "7"), Map.of("q", List.of("a", "b")));
        assertThat(p.path("id")).isEqualTo("7");
        assertThat(p.query("q")).hasValue("a");
        assertThat(p.query("none")).isEmpty();
    }

    @Test
    @DisplayName("RFC 9112 §2.2: \"A sender MUST NOT generate a bare CR\": a field name that is no token, or a value with CR, LF, NUL or another control, is refused before it is sent (no response splitting)")
    void noResponseSplitting() {
        for (String value : new String[] {"a\r\nSet-Cookie: x=1", "a\rb", "a\nb", "a\u0000b", "a\u007fb", "\u0100"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Response.of(Status.OK).header("Location", value))
                    .as(value).isInstanceOf(IllegalArgumentException.class);
        }
        for (String name : new String[] {"", "X Y", "X:Y", "X\r\n"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Response.of(Status.OK).header(name, "v"))
                    .as(name).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
