package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.http1.app.RouteParams;
import dev.netlab.http1.app.Router;
import dev.netlab.kit.Checkpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoint 3.11: routing by method and path pattern (404, 405 with Allow, HEAD as GET) and
 * percent-decoding (RFC 3986 §2.1).
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 14 mutants, 14 killed, 1 of them only by a new assertion): the path percent-decoded
 * before it is split (an encoded slash makes a new segment); a 405 without Allow, or with an Allow
 * that leaves out HEAD; HEAD not run by the GET route; 405 answered as 404; a pattern matching a
 * longer path (prefix match); an empty segment taken as a {name} parameter; '+' decoded as a space
 * in the path; a '%' one octet from the end read past it; malformed UTF-8 replaced instead of
 * refused; the two hex digits of an escape swapped; the query percent-decoded before it is split at
 * '&amp;' (an encoded '&amp;' splits a value); a name without '=' given null instead of "". Empty
 * pairs kept as the name "" passed every test (the query's empty pairs were all at its end, where
 * {@code String.split} drops them) until the query row got {@code a=1&&b=2}.
 */
@Checkpoint(id = "3.11", title = "Routing: patterns, 404, 405 + Allow, HEAD, percent-decoding",
        edit = "dev/netlab/http1/app/Router.java",
        hint = "split the path at '/', then percent-decode each segment; match literal and {name} segments; no match 404, wrong method 405 with Allow",
        readme = "#routing")
class RouterTest {
    private final AtomicReference<RouteParams> seen = new AtomicReference<>();

    private Router router() {
        return new Router()
                .route("GET", "/todos", (r, p) -> ok("list", p))
                .route("POST", "/todos", (r, p) -> ok("create", p))
                .route("GET", "/todos/{id}", (r, p) -> ok("get " + p.path("id"), p))
                .route("DELETE", "/todos/{id}", (r, p) -> ok("delete " + p.path("id"), p))
                .route("GET", "/files/{path...}", (r, p) -> ok("file " + p.path("path"), p));
    }

    private Response ok(String what, RouteParams p) {
        seen.set(p);
        return Response.text(Status.OK, what);
    }

    private String call(String method, String target) throws HttpException {
        return Requests.text(router().handle(Requests.of(method, target)));
    }

    private Status status(String method, String target) {
        try {
            return router().handle(Requests.of(method, target)).status();
        } catch (HttpException e) {
            return e.status();
        }
    }

    @Test
    @DisplayName("literal and {name} segments; the method picks among routes of one pattern")
    void matches() throws HttpException {
        assertThat(call("GET", "/todos")).isEqualTo("list");
        assertThat(call("POST", "/todos")).isEqualTo("create");
        assertThat(call("GET", "/todos/42")).isEqualTo("get 42");
        assertThat(call("DELETE", "/todos/42")).isEqualTo("delete 42");
        assertThat(call("GET", "/files/a/b/c.txt")).isEqualTo("file a/b/c.txt");
    }

    @Test
    @DisplayName("no matching pattern is 404; a trailing slash or an extra segment is another path")
    void notFound() {
        assertThat(status("GET", "/nothing")).isEqualTo(Status.NOT_FOUND);
        assertThat(status("GET", "/todos/1/extra")).isEqualTo(Status.NOT_FOUND);
        assertThat(status("GET", "/todos/")).isEqualTo(Status.NOT_FOUND);
        assertThat(status("OPTIONS", "*")).isEqualTo(Status.NOT_FOUND);
    }

    @Test
    @DisplayName("a matching pattern with another method is 405 with Allow (RFC 9110 §15.5.6), GET implying HEAD")
    void methodNotAllowed() throws HttpException {
        Response r = router().handle(Requests.of("PUT", "/todos/7"));
        assertThat(r.status()).isEqualTo(Status.METHOD_NOT_ALLOWED);
        assertThat(r.headers().elements("Allow", false)).containsExactlyInAnyOrder("GET", "HEAD", "DELETE");
    }

    @Test
    @DisplayName("HEAD runs the GET route (RFC 9110 §9.3.2)")
    void headFromGet() throws HttpException {
        assertThat(call("HEAD", "/todos/3")).isEqualTo("get 3");
    }

    @Test
    @DisplayName("path segments are percent-decoded after splitting: %2F stays inside its segment, UTF-8 decoded")
    void percentDecodedSegments() throws HttpException {
        assertThat(call("GET", "/todos/a%2Fb")).isEqualTo("get a/b");
        assertThat(call("GET", "/todos/caf%C3%A9")).isEqualTo("get café");
        assertThat(call("GET", "/todos/a+b")).as("'+' is only a space in queries").isEqualTo("get a+b");
        assertThat(status("GET", "/todos%2F1")).as("an encoded slash does not split segments").isEqualTo(Status.NOT_FOUND);
    }

    @Test
    @DisplayName("the query: pairs split at '&', '+' as space, repeated names in order, names without '=', empty pairs skipped")
    void query() throws HttpException {
        call("GET", "/todos?done=true&tag=a+b&tag=c%26d&flag&=x&&");
        Map<String, List<String>> q = seen.get().query();
        assertThat(q.get("done")).containsExactly("true");
        assertThat(q.get("tag")).containsExactly("a b", "c&d");
        assertThat(q.get("flag")).containsExactly("");
        assertThat(q.get("")).as("'=x' is the name \"\" with the value x").containsExactly("x");
        assertThat(Router.parseQuery("a=1&&b=2")).as("an empty pair between two others is skipped").containsOnlyKeys("a", "b");
        assertThat(seen.get().query("done")).hasValue("true");
        assertThat(Router.parseQuery(null)).isEmpty();
        assertThat(Router.parseQuery("")).isEmpty();
    }

    @ParameterizedTest(name = "{0} is 400")
    @ValueSource(strings = {"/todos/%zz", "/todos/%4", "/todos/%", "/todos/%C3%28", "/todos?x=%g1", "/todos?x=%FF"})
    @DisplayName("malformed percent-encoding, or octets that are not UTF-8, is 400 (RFC 3986 §2.1)")
    void malformedEscapes(String target) {
        assertThat(status("GET", target)).isEqualTo(Status.BAD_REQUEST);
    }

    @Test
    @DisplayName("percentDecode on its own")
    void percentDecode() throws HttpException {
        assertThat(Router.percentDecode("%48%65llo%20w%6Frld", false)).isEqualTo("Hello world");
        assertThat(Router.percentDecode("a+b", true)).isEqualTo("a b");
        assertThat(Router.percentDecode("a+b", false)).isEqualTo("a+b");
        assertThatThrownBy(() -> Router.percentDecode("100%", false)).isInstanceOf(HttpException.class)
                .extracting("status").isEqualTo(Status.BAD_REQUEST);
    }
}
