package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.http1.app.Router;
import dev.netlab.http1.app.StaticFiles;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoint 3.12: static files (RFC 9110 §8.8, §13, §14): media types, validators, conditional
 * requests in the order of §13.2.2, single byte ranges, no path traversal.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 18 mutants, 14 killed, no new row needed, 4 equivalent): a range one octet short (the
 * length as last - first); a last-byte-pos past the end not clamped; first-pos equal to the length
 * taken as satisfiable (416 one octet late); a suffix range one octet too long; If-Modified-Since
 * true only strictly after; If-Modified-Since evaluated with If-None-Match present; If-Match
 * compared weakly; If-None-Match compared strongly; a 304 without its ETag; Range honoured on HEAD;
 * If-Range ignored; Last-Modified later than Date; If-Unmodified-Since evaluated with If-Match
 * present; no traversal check at all. The survivors are equivalent: the '..' segment check alone
 * gone, the normalised-path check alone gone, or both (the other check, or the real-path check,
 * still refuses every traversal with 404); several ranges not refused up front (the comma makes
 * the range not a number, so it is ignored the same).
 */
@Checkpoint(id = "3.12", title = "Static files: MIME types, ETag/304, ranges, no traversal",
        edit = "dev/netlab/http1/app/StaticFiles.java",
        hint = "refuse '..' and absolute paths (after decoding), then a FileRegion with Content-Type, ETag, Last-Modified; If-None-Match → 304; Range → 206/416",
        readme = "#static-files")
class StaticFilesTest {
    @TempDir
    Path dir;
    Path site;
    Router router;

    @BeforeEach
    void site() throws IOException {
        site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<h1>home</h1>");
        Files.createDirectories(site.resolve("assets"));
        Files.writeString(site.resolve("assets/app.js"), "console.log('hi')");
        Files.writeString(site.resolve("assets/style.css"), "body{}");
        Files.writeString(site.resolve("data.bin"), "0123456789");
        Files.writeString(dir.resolve("secret.txt"), "do not serve");
        router = new Router().route("GET", "/{path...}", new StaticFiles(site));
    }

    private Response get(String target, String... headers) {
        try {
            return router.handle(Requests.of("GET", target, headers));
        } catch (HttpException e) {
            return Response.text(e.status(), e.detail());
        }
    }

    private static String content(Response r) throws IOException {
        assertThat(r.body()).as("a file is sent as a FileRegion (zero-copy transferTo)").isInstanceOf(Response.FileRegion.class);
        Response.FileRegion f = (Response.FileRegion) r.body();
        byte[] all = Files.readAllBytes(f.file());
        return new String(all, (int) f.offset(), (int) f.length());
    }

    @Test
    @DisplayName("files with their media type; a folder is its index.html")
    void filesAndTypes() throws IOException {
        Response index = get("/");
        assertThat(index.status()).isEqualTo(Status.OK);
        assertThat(content(index)).isEqualTo("<h1>home</h1>");
        assertThat(index.headers().first("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(get("/assets/app.js").headers().first("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(get("/assets/style.css").headers().first("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(get("/data.bin").headers().first("Content-Type")).hasValue("application/octet-stream");
        assertThat(get("/missing.txt").status()).isEqualTo(Status.NOT_FOUND);
    }

    @Test
    @DisplayName("ETag and Last-Modified; If-None-Match with the tag (or *) is 304 (RFC 9110 §13.1.2)")
    void conditional() {
        Response first = get("/assets/app.js");
        String etag = first.headers().first("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(first.headers().first("Last-Modified")).hasValueSatisfying(v -> assertThat(v).endsWith(" GMT"));
        Response notModified = get("/assets/app.js", "If-None-Match", etag);
        assertThat(notModified.status()).isEqualTo(Status.NOT_MODIFIED);
        assertThat(notModified.headers().first("ETag")).as("RFC 9110 §15.4.5: a 304 MUST carry the ETag a 200 would").hasValue(etag);
        assertThat(get("/assets/app.js", "If-None-Match", "\"other\", " + etag).status()).isEqualTo(Status.NOT_MODIFIED);
        assertThat(get("/assets/app.js", "If-None-Match", "W/" + etag).status()).as("weak comparison").isEqualTo(Status.NOT_MODIFIED);
        assertThat(get("/assets/app.js", "If-None-Match", "*").status()).isEqualTo(Status.NOT_MODIFIED);
        assertThat(get("/assets/app.js", "If-None-Match", "\"other\"").status()).isEqualTo(Status.OK);
        assertThat(get("/assets/style.css", "If-None-Match", etag).status()).as("another file's tag").isEqualTo(Status.OK);
    }

    @Test
    @DisplayName("If-Modified-Since at or after the modification time is 304; earlier, invalid, or with If-None-Match it is ignored")
    void ifModifiedSince() throws IOException {
        Files.setLastModifiedTime(site.resolve("data.bin"), java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2024-05-01T12:00:00Z")));
        assertThat(get("/data.bin", "If-Modified-Since", "Wed, 01 May 2024 12:00:00 GMT").status()).isEqualTo(Status.NOT_MODIFIED);
        assertThat(get("/data.bin", "If-Modified-Since", "Thu, 02 May 2024 00:00:00 GMT").status()).isEqualTo(Status.NOT_MODIFIED);
        assertThat(get("/data.bin", "If-Modified-Since", "Wed, 01 May 2024 11:59:59 GMT").status()).isEqualTo(Status.OK);
        assertThat(get("/data.bin", "If-Modified-Since", "yesterday").status()).isEqualTo(Status.OK);
        assertThat(get("/data.bin", "If-Modified-Since", "Thu, 02 May 2024 00:00:00 GMT", "If-None-Match", "\"other\"").status())
                .as("If-None-Match wins").isEqualTo(Status.OK);
        assertThat(get("/data.bin").headers().first("Last-Modified")).hasValue("Wed, 01 May 2024 12:00:00 GMT");
    }

    @Test
    @DisplayName("Range: first-last, first-, -suffix → 206 with Content-Range; past the end → 416 (RFC 9110 §14)")
    void ranges() throws IOException {
        Response r = get("/data.bin", "Range", "bytes=2-5");
        assertThat(r.status()).isEqualTo(Status.PARTIAL_CONTENT);
        assertThat(r.headers().first("Content-Range")).hasValue("bytes 2-5/10");
        assertThat(r.headers().first("ETag")).as("RFC 9110 §15.3.7: a 206 MUST carry the ETag a 200 would").isPresent();
        assertThat(get("/data.bin", "Range", "bytes=1-2,4-5").status()).as("several ranges: ignored, no multipart").isEqualTo(Status.OK);
        assertThat(content(r)).isEqualTo("2345");
        assertThat(content(get("/data.bin", "Range", "bytes=7-"))).isEqualTo("789");
        assertThat(content(get("/data.bin", "Range", "bytes=-3"))).isEqualTo("789");
        assertThat(content(get("/data.bin", "Range", "bytes=8-100"))).isEqualTo("89");
        Response past = get("/data.bin", "Range", "bytes=10-");
        assertThat(past.status()).isEqualTo(Status.RANGE_NOT_SATISFIABLE);
        assertThat(past.headers().first("Content-Range")).hasValue("bytes */10");
        assertThat(get("/data.bin", "Range", "items=1-2").status()).as("an unknown unit is ignored").isEqualTo(Status.OK);
    }

    @Test
    @DisplayName("RFC 9110 §5.6.7: If-Modified-Since in the obsolete RFC 850 and asctime formats counts too (\"MUST accept all three HTTP-date formats\"); two dates are ignored")
    void ifModifiedSinceOtherFormats() throws IOException {
        Files.setLastModifiedTime(site.resolve("data.bin"), FileTime.from(Instant.parse("2024-05-01T12:00:00Z")));
        assertThat(get("/data.bin", "If-Modified-Since", "Wednesday, 01-May-24 12:00:00 GMT").status()).isEqualTo(Status.NOT_MODIFIED);
        assertThat(get("/data.bin", "If-Modified-Since", "Wed May  1 12:00:00 2024").status()).isEqualTo(Status.NOT_MODIFIED);
        assertThat(get("/data.bin", "If-Modified-Since", "Wed May  1 11:00:00 2024").status()).isEqualTo(Status.OK);
        // "A recipient MUST ignore the If-Modified-Since header field if ... the field value has more than one member"
        assertThat(get("/data.bin", "If-Modified-Since", "Wed, 01 May 2024 12:00:00 GMT", "If-Modified-Since",
                "Wed, 01 May 2024 12:00:00 GMT").status()).isEqualTo(Status.OK);
    }

    @Test
    @DisplayName("RFC 9110 §13.1.1: \"An origin server MUST use the strong comparison function when comparing entity tags for If-Match\": no match is 412")
    void ifMatch() {
        String etag = get("/assets/app.js").headers().first("ETag").orElseThrow();
        assertThat(get("/assets/app.js", "If-Match", etag).status()).isEqualTo(Status.OK);
        assertThat(get("/assets/app.js", "If-Match", "\"other\", " + etag).status()).isEqualTo(Status.OK);
        assertThat(get("/assets/app.js", "If-Match", "*").status()).isEqualTo(Status.OK);
        Response failed = get("/assets/app.js", "If-Match", "\"other\"");
        assertThat(failed.status()).isEqualTo(Status.PRECONDITION_FAILED);
        assertThat(failed.body()).as("no file for a failed precondition").isNotInstanceOf(Response.FileRegion.class);
        assertThat(get("/assets/app.js", "If-Match", "W/" + etag).status()).as("a weak tag never matches strongly")
                .isEqualTo(Status.PRECONDITION_FAILED);
        // §13.2.1: "A server MUST ignore all received preconditions if its response to the same
        // request without those conditions ... would have been a status code other than a 2xx"
        assertThat(get("/missing.txt", "If-Match", "\"other\"").status()).isEqualTo(Status.NOT_FOUND);
    }

    @Test
    @DisplayName("RFC 9110 §13.1.4 and §13.2.2: If-Unmodified-Since fails with 412 when modified later, and is evaluated only without If-Match; If-Match before If-None-Match")
    void ifUnmodifiedSinceAndOrder() throws IOException {
        Files.setLastModifiedTime(site.resolve("data.bin"), FileTime.from(Instant.parse("2024-05-01T12:00:00Z")));
        String etag = get("/data.bin").headers().first("ETag").orElseThrow();
        assertThat(get("/data.bin", "If-Unmodified-Since", "Wed, 01 May 2024 12:00:00 GMT").status()).isEqualTo(Status.OK);
        assertThat(get("/data.bin", "If-Unmodified-Since", "Wed, 01 May 2024 11:59:59 GMT").status()).isEqualTo(Status.PRECONDITION_FAILED);
        assertThat(get("/data.bin", "If-Unmodified-Since", "not a date").status()).isEqualTo(Status.OK);
        assertThat(get("/data.bin", "If-Match", etag, "If-Unmodified-Since", "Wed, 01 May 2024 11:59:59 GMT").status())
                .as("\"A recipient MUST ignore If-Unmodified-Since if the request contains an If-Match header field\"")
                .isEqualTo(Status.OK);
        assertThat(get("/data.bin", "If-Match", "\"other\"", "If-None-Match", etag).status())
                .as("If-Match is evaluated first: 412, not 304").isEqualTo(Status.PRECONDITION_FAILED);
    }

    @Test
    @DisplayName("RFC 9110 §13.1.5: \"A recipient of an If-Range header field MUST ignore the Range header field if the If-Range condition evaluates to false\"")
    void ifRange() throws IOException {
        Files.setLastModifiedTime(site.resolve("data.bin"), FileTime.from(Instant.parse("2024-05-01T12:00:00Z")));
        String etag = get("/data.bin").headers().first("ETag").orElseThrow();
        assertThat(content(get("/data.bin", "Range", "bytes=2-5", "If-Range", etag))).isEqualTo("2345");
        assertThat(content(get("/data.bin", "Range", "bytes=2-5", "If-Range", "Wed, 01 May 2024 12:00:00 GMT"))).isEqualTo("2345");
        assertThat(content(get("/data.bin", "If-Range", "\"stale\""))).as("\"A server MUST ignore an If-Range header field"
                + " received in a request that does not contain a Range header field\"").isEqualTo("0123456789");
        Response stale = get("/data.bin", "Range", "bytes=2-5", "If-Range", "\"stale\"");
        assertThat(stale.status()).as("a changed tag: the whole file").isEqualTo(Status.OK);
        assertThat(content(stale)).isEqualTo("0123456789");
        assertThat(get("/data.bin", "Range", "bytes=2-5", "If-Range", "W/" + etag).status()).as("weak: false").isEqualTo(Status.OK);
        assertThat(get("/data.bin", "Range", "bytes=2-5", "If-Range", "Wed, 01 May 2024 12:00:01 GMT").status())
                .as("another date: false").isEqualTo(Status.OK);
    }

    @Test
    @DisplayName("RFC 9110 §14.2: \"A server MUST ignore a Range header field received with a request method ... for which range handling is not defined\" (HEAD: the 200's fields)")
    void headIgnoresRange() throws Exception {
        Response head = router.handle(Requests.of("HEAD", "/data.bin", "Range", "bytes=2-5"));
        assertThat(head.status()).isEqualTo(Status.OK);
        assertThat(head.headers().contains("Content-Range")).isFalse();
    }

    @Test
    @DisplayName("RFC 9110 §8.8.2.1: \"An origin server with a clock MUST NOT generate a Last-Modified date that is later than the server's time of message origination\"")
    void lastModifiedNotInTheFuture() throws IOException {
        Files.setLastModifiedTime(site.resolve("data.bin"), FileTime.from(Instant.now().plus(Duration.ofDays(2))));
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String lastModified = get("/data.bin").headers().first("Last-Modified").orElseThrow();
        Instant sent = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(lastModified));
        assertThat(sent).isBetween(before, Instant.now());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2E%2E/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
            "/%2fetc%2fpasswd", "/..%5csecret.txt", "/assets/%00.js", "/C:%5cwindows"})
    @DisplayName("path traversal is refused, also percent-encoded, absolute or with backslashes")
    void traversal(String target) {
        Response r = get(target);
        assertThat(r.status()).as("%s must not be served", target).isIn(Status.NOT_FOUND, Status.BAD_REQUEST);
        assertThat(r.body()).isNotInstanceOf(Response.FileRegion.class);
    }

    @Test
    @DisplayName("over the wire: curl gets a range and a 304 from the server")
    void withCurl() throws IOException {
        Require.tool("curl");
        try (TestServer server = TestServer.start(router)) {
            Peer curl = Peer.require("curl");
            Evidence.current().reproduce(curl.commandLine("-v", "-r", "2-5", server.url("/data.bin")));
            Peer.PeerResult r = curl.run(Duration.ofSeconds(20), "-sv", "-r", "2-5", server.url("/data.bin")).assertSuccess();
            assertThat(r.stderr()).contains("HTTP/1.1 206").contains("Content-Range: bytes 2-5/10");
            assertThat(r.stdout()).isEqualTo("2345");
            String etag = get("/data.bin").headers().first("ETag").orElseThrow();
            Peer.PeerResult c = curl.run(Duration.ofSeconds(20), "-sv", "-H", "If-None-Match: " + etag, server.url("/data.bin")).assertSuccess();
            assertThat(c.stderr()).contains("HTTP/1.1 304");
            assertThat(c.stdout()).isEmpty();
        }
    }
}
