package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checkpoint 3.03: how long a request's body is (RFC 9112 §6.3), where request smuggling starts.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 11 mutants, 10 killed, no new row needed): Transfer-Encoding taken alone when
 * Content-Length is there too (TE.CL smuggling, RFC 9112 §6.1); two equal Content-Length lines
 * accepted; Content-Length parsed with {@code Long.parseLong} (signs accepted); the body limit
 * off by one; transfer codings compared case-sensitively; the first coding taken as the final
 * one; chunked twice not refused; Transfer-Encoding accepted from HTTP/1.0; an unknown coding
 * before chunked accepted instead of 501; only the first Transfer-Encoding line read. The one
 * survivor is equivalent: testing "chunked anywhere in the list" instead of "chunked last" still
 * refuses {@code chunked, gzip} with 400, by the "applied more than once" check.
 */
@Checkpoint(id = "3.03", title = "Message body length (RFC 9112 §6.3)",
        edit = "dev/netlab/http1/BodyLength.java",
        hint = "Transfer-Encoding wins but both present is 400; chunked must be last; Content-Length is 1*DIGIT, once",
        readme = "#message-body-length")
class BodyLengthTest {
    private static final long MAX = 1_000_000;

    private static RequestHead head(HttpVersion version, String... fields) {
        return new RequestHead("POST", new RequestTarget(RequestTarget.Form.ORIGIN, "/"), version, HeaderFields.of(fields));
    }

    private static BodyLength length(String... fields) throws HttpException {
        return BodyLength.of(head(HttpVersion.HTTP_1_1, fields), MAX);
    }

    private static HttpException error(HttpVersion version, String... fields) {
        try {
            BodyLength l = BodyLength.of(head(version, fields), MAX);
            throw new AssertionError("expected an HttpException, got " + l);
        } catch (HttpException e) {
            assertThat(e.closeConnection()).as("a framing error closes the connection").isTrue();
            return e;
        }
    }

    @Test
    @DisplayName("RFC 9112 §6.3 item 7: neither field means no body")
    void none() throws HttpException {
        assertThat(length()).isEqualTo(BodyLength.NONE);
        assertThat(length("Content-Length", "0")).isEqualTo(BodyLength.NONE);
    }

    @Test
    @DisplayName("Content-Length gives a fixed length; leading zeros are still 1*DIGIT")
    void fixed() throws HttpException {
        assertThat(length("Content-Length", "42")).isEqualTo(new BodyLength(BodyLength.Kind.FIXED, 42));
        assertThat(length("content-length", "007")).isEqualTo(BodyLength.fixed(7));
        assertThat(length("Content-Length", "1000000")).isEqualTo(BodyLength.fixed(MAX));
    }

    @Test
    @DisplayName("Transfer-Encoding: chunked, in any letter case")
    void chunked() throws HttpException {
        assertThat(length("Transfer-Encoding", "chunked")).isEqualTo(BodyLength.CHUNKED);
        assertThat(length("transfer-encoding", "Chunked")).isEqualTo(BodyLength.CHUNKED);
    }

    @Test
    @DisplayName("RFC 9110 §5.6.1.2: \"a recipient MUST parse and ignore a reasonable number of empty list elements\" — \", chunked\" is chunked; no coding at all is still 400")
    void emptyListElements() throws HttpException {
        assertThat(length("Transfer-Encoding", ", chunked")).isEqualTo(BodyLength.CHUNKED);
        assertThat(length("Transfer-Encoding", "gzip, , chunked,")).isEqualTo(BodyLength.CHUNKED);
        assertThat(length("Transfer-Encoding", "chunked,")).isEqualTo(BodyLength.CHUNKED);
        assertThat(length("Transfer-Encoding", ",", "Transfer-Encoding", "chunked")).isEqualTo(BodyLength.CHUNKED);
        assertThat(error(HttpVersion.HTTP_1_1, "Transfer-Encoding", " , ").status()).isEqualTo(Status.BAD_REQUEST);
    }

    @ParameterizedTest(name = "Content-Length: \"{0}\"")
    @DisplayName("RFC 9112 §6.3 item 5: an invalid Content-Length is 400 and close")
    @CsvSource(delimiter = '|', value = {"-1", "+5", "1.0", "0x10", "5 5", "5,5", "5, 5", "''", "12a", "1_000"})
    void invalidContentLength(String value) {
        assertThat(error(HttpVersion.HTTP_1_1, "Content-Length", value).status()).isEqualTo(Status.BAD_REQUEST);
    }

    @Test
    @DisplayName("two Content-Length lines are 400, even with the same value (desync-guardian: Severe)")
    void repeatedContentLength() {
        assertThat(error(HttpVersion.HTTP_1_1, "Content-Length", "5", "Content-Length", "6").status()).isEqualTo(Status.BAD_REQUEST);
        assertThat(error(HttpVersion.HTTP_1_1, "Content-Length", "5", "Content-Length", "5").status()).isEqualTo(Status.BAD_REQUEST);
    }

    @Test
    @DisplayName("RFC 9112 §6.1: both Transfer-Encoding and Content-Length is 400 and close (CL.TE / TE.CL smuggling)")
    void both() {
        assertThat(error(HttpVersion.HTTP_1_1, "Content-Length", "5", "Transfer-Encoding", "chunked").status())
                .isEqualTo(Status.BAD_REQUEST);
        assertThat(error(HttpVersion.HTTP_1_1, "Transfer-Encoding", "chunked", "Content-Length", "0").status())
                .isEqualTo(Status.BAD_REQUEST);
    }

    @ParameterizedTest(name = "Transfer-Encoding: \"{0}\" -> {1}")
    @DisplayName("RFC 9112 §6.3 item 4: chunked must be the final coding (400); known framing, unimplemented coding: 501")
    @CsvSource(delimiter = '|', value = {
            "chunked, gzip | 400", "gzip | 400", "xchunked | 400", "chunked, chunked | 400", "'' | 400",
            "chunked;q=1 | 400", "\"chunked\" | 400", "identity | 400",
            "gzip;level=9, chunked | 400", "compress, chunked | 501", "identity, chunked | 501", "br, chunked | 501",
            "gzip, compress, chunked | 501"})
    void transferCodings(String value, int status) {
        assertThat(error(HttpVersion.HTTP_1_1, "Transfer-Encoding", value).status().code()).isEqualTo(status);
    }

    @ParameterizedTest(name = "Transfer-Encoding: \"{0}\"")
    @DisplayName("gzip and deflate before chunked are framed as chunked: the connection undoes them (RFC 9112 §7)")
    @CsvSource(delimiter = '|', value = {"gzip, chunked", "X-Gzip, chunked", "deflate, chunked", "gzip, deflate, chunked",
            "gzip , \tchunked"})
    void decodableCodings(String value) throws HttpException {
        assertThat(length("Transfer-Encoding", value)).isEqualTo(BodyLength.CHUNKED);
    }

    @Test
    @DisplayName("codings across field lines form one list: deflate, then chunked, is chunked framing")
    void codingsAcrossLines() throws HttpException {
        assertThat(length("Transfer-Encoding", "deflate", "Transfer-Encoding", "chunked")).isEqualTo(BodyLength.CHUNKED);
        assertThat(error(HttpVersion.HTTP_1_1, "Transfer-Encoding", "chunked", "Transfer-Encoding", "gzip").status())
                .as("chunked not last").isEqualTo(Status.BAD_REQUEST);
    }

    @Test
    @DisplayName("chunked twice across two field lines is still chunked applied twice: 400")
    void chunkedTwiceAcrossLines() {
        assertThat(error(HttpVersion.HTTP_1_1, "Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked").status())
                .isEqualTo(Status.BAD_REQUEST);
    }

    @Test
    @DisplayName("RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 request means faulty framing: 400")
    void http10() {
        assertThat(error(HttpVersion.HTTP_1_0, "Transfer-Encoding", "chunked").status()).isEqualTo(Status.BAD_REQUEST);
    }

    @Test
    @DisplayName("a Content-Length over the body limit is 413 before any body octet is read")
    void tooLarge() {
        assertThat(error(HttpVersion.HTTP_1_1, "Content-Length", "1000001").status()).isEqualTo(Status.CONTENT_TOO_LARGE);
        assertThat(error(HttpVersion.HTTP_1_1, "Content-Length", "99999999999999999999999999").status())
                .isEqualTo(Status.CONTENT_TOO_LARGE);
        assertThat(error(HttpVersion.HTTP_1_1, "Content-Length", "99999999999999999999999999x").status())
                .as("not 1*DIGIT, however long").isEqualTo(Status.BAD_REQUEST);
    }
}
