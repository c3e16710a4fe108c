package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.http1.app.MimeTypes;
import dev.netlab.http1.app.Problem;
import dev.netlab.http1.app.RouteParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The given application pieces (not exercises): media types, problem details, Response building. */
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
    @DisplayName("problem details: application/problem+json with type, title, status, detail and errors (RFC 9457 §3)")
    void problem() throws Exception {
        Response r = Problem.response(Status.BAD_REQUEST, "bad to-do", List.of(new Problem.FieldError("title", "blank")));
        assertThat(r.status()).isEqualTo(Status.BAD_REQUEST);
        assertThat(r.headers().first("Content-Type")).hasValue("application/problem+json");
        JsonNode json = new ObjectMapper().readTree(Requests.text(r));
        assertThat(json.get("type").asText()).isEqualTo("about:blank");
        assertThat(json.get("title").asText()).isEqualTo("Bad Request");
        assertThat(json.get("status").asInt()).isEqualTo(400);
        assertThat(json.get("errors").get(0).get("field").asText()).isEqualTo("title");
    }

    @Test
    @DisplayName("Response builder and RouteParams accessors")
    void responseAndParams() {
        Response r = Response.text(Status.OK, "héllo").header("X-A", "1");
        assertThat(r.body().length()).isEqualTo(6);
        assertThat(r.headers().first("x-a")).hasValue("1");
        RouteParams p = new RouteParams(Map.of("id", "7"), Map.of("q", List.of("a", "b")));
        assertThat(p.path("id")).isEqualTo("7");
        assertThat(p.query("q")).hasValue("a");
        assertThat(p.query("none")).isEmpty();
    }
}
