package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 3.05: the incremental request parser (RFC 9112 §2.1): request line, header section,
 * body as {@link BodyLength} frames it, one message after another, on every split of the input.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 11 mutants, 10 killed, 1 of them only by the new row betweenMessagesUntilTheFirstOctet,
 * 1 equivalent): the header parser, the chunked decoder or the request-line parser not reset for
 * the next message; a fixed body taking every octet that arrived (the next request swallowed); a
 * request without a body waiting for one; the body limit not passed to {@link BodyLength}; the
 * body slice taken from the buffer's start instead of its position; the parser left in COMPLETE
 * without starting over; the last body octet dropped when bodies arrive octet by octet.
 * {@code betweenMessages()} true in the middle of a request line passed every test until the new
 * row (the event-loop engine then keeps the idle timeout for a started request instead of the
 * header deadline). Equivalent: the remaining body count not zeroed between messages (it is set
 * whenever a fixed body starts).
 */
@Checkpoint(id = "3.05", title = "The incremental request parser: every split, pipelined messages",
        edit = {"dev/netlab/http1/RequestParser.java", "dev/netlab/http1/TargetUri.java"},
        hint = "line, headers, BodyLength, then fixed or chunked body; report Head, Data..., Complete; start over after Complete",
        readme = "#an-incremental-parser")
class RequestParserTest {
    /** Three pipelined requests: no body, Content-Length, chunked with a trailer. */
    static final String PIPELINE = ""
            + "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /todos HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"title\":\"milk\"}\n"
            + "PUT /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nDigest: abc\r\n\r\n";

    private static void checkPipeline(List<Wire.Message> m) {
        assertThat(m).hasSize(3);
        assertThat(m.get(0).head().method()).isEqualTo("GET");
        assertThat(m.get(0).head().target().raw()).isEqualTo("/a");
        assertThat(m.get(0).body()).isEmpty();
        assertThat(m.get(1).head().headers().first("content-type")).hasValue("application/json");
        assertThat(m.get(1).bodyText()).isEqualTo("{\"title\":\"milk\"}\n");
        assertThat(m.get(2).bodyText()).isEqualTo("hello world");
        assertThat(m.get(2).trailers().first("digest")).hasValue("abc");
    }

    @Test
    @DisplayName("three pipelined requests in one buffer come out in order, each Head, Data..., Complete")
    void pipelined() throws HttpException {
        checkPipeline(Wire.parse(Wire.bytes(PIPELINE), Limits.defaults()));
    }

    @Test
    @DisplayName("a chunked request after a chunked one starts clean: its own trailers, its own body limit")
    void chunkedAfterChunked() throws HttpException {
        String first = "PUT /1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "a\r\n0123456789\r\n0\r\nDigest: one\r\n\r\n";
        String second = "PUT /2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "a\r\nabcdefghij\r\n0\r\nX-Second: two\r\n\r\n";
        // each body is 10 octets, both together 20: over a limit of 15 only if the count carries over
        List<Wire.Message> m = Wire.parse(Wire.bytes(first + second), Limits.defaults().withMaxBodyBytes(15));
        assertThat(m).hasSize(2);
        assertThat(m.get(0).bodyText()).isEqualTo("0123456789");
        assertThat(m.get(1).bodyText()).isEqualTo("abcdefghij");
        assertThat(m.get(0).trailers().first("digest")).hasValue("one");
        assertThat(m.get(1).trailers().first("x-second")).hasValue("two");
        assertThat(m.get(1).trailers().contains("Digest")).as("the first request's trailer is not the second's").isFalse();
        assertThat(m.get(1).trailers().size()).isEqualTo(1);
    }

    @Test
    @DisplayName("every two-way split of the pipeline gives the same three messages")
    void everyTwoWaySplit() throws HttpException {
        byte[] input = Wire.bytes(PIPELINE);
        for (int cut = 0; cut <= input.length; cut++) {
            checkPipeline(Wire.parse(input, Limits.defaults(), cut));
        }
    }

    @Test
    @DisplayName("every three-way split of the POST, and the whole pipeline one octet at a time")
    void threeWayAndByteAtATime() throws HttpException {
        byte[] post = Wire.bytes("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
        for (int i = 0; i <= post.length; i++) {
            for (int j = i; j <= post.length; j++) {
                List<Wire.Message> m = Wire.parse(post, Limits.defaults(), i, j);
                assertThat(m).hasSize(1);
                assertThat(m.get(0).bodyText()).isEqualTo("abc");
            }
        }
        checkPipeline(Wire.byteAtATime(Wire.bytes(PIPELINE), Limits.defaults()));
    }

    @Test
    @DisplayName("a request without body is Complete without waiting for another octet")
    void noBodyCompletesAtOnce() throws HttpException {
        RequestParser p = new RequestParser(Limits.defaults());
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertThat(p.betweenMessages()).isTrue();
        assertThat(p.next(in)).isInstanceOf(ParseEvent.Head.class);
        assertThat(p.next(in)).isInstanceOf(ParseEvent.Complete.class);
        assertThat(p.betweenMessages()).isTrue();
        assertThat(p.next(in)).isInstanceOf(ParseEvent.NeedMore.class);
    }

    @Test
    @DisplayName("betweenMessages() is false from a request's first octet (empty lines before it excepted, RFC 9112 §2.2): from there the header deadline runs, not the idle timeout")
    void betweenMessagesUntilTheFirstOctet() throws HttpException {
        RequestParser p = new RequestParser(Limits.defaults());
        assertThat(p.next(ByteBuffer.wrap(Wire.bytes("\r\n")))).isInstanceOf(ParseEvent.NeedMore.class);
        assertThat(p.betweenMessages()).as("after an empty line").isTrue();
        assertThat(p.next(ByteBuffer.wrap(Wire.bytes("G")))).isInstanceOf(ParseEvent.NeedMore.class);
        assertThat(p.betweenMessages()).as("after the first octet of a request line").isFalse();
    }

    @Test
    @DisplayName("Head comes before the body arrives, so a server can answer Expect: 100-continue")
    void headBeforeBody() throws HttpException {
        RequestParser p = new RequestParser(Limits.defaults());
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("PUT /f HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
        ParseEvent e = p.next(in);
        assertThat(e).isInstanceOf(ParseEvent.Head.class);
        assertThat(((ParseEvent.Head) e).head().headers().first("expect")).hasValue("100-continue");
        assertThat(p.next(in)).isInstanceOf(ParseEvent.NeedMore.class);
        assertThat(p.betweenMessages()).isFalse();
    }

    @Test
    @DisplayName("a body stops exactly at Content-Length: the rest is the next request")
    void bodyBoundary() throws HttpException {
        List<Wire.Message> m = Wire.parse("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nhiGET / HTTP/1.1\r\n\r\n");
        assertThat(m).hasSize(2);
        assertThat(m.get(0).bodyText()).isEqualTo("hi");
        assertThat(m.get(1).head().method()).isEqualTo("GET");
    }

    @Test
    @DisplayName("errors of every stage come through with their status: 414, 431, 400 (CL.TE), 413")
    void errors() {
        Limits small = Limits.defaults().withMaxTargetLength(10).withHeaderLimits(2, 100).withMaxBodyBytes(10);
        assertThatThrownBy(() -> Wire.parse(Wire.bytes("GET /0123456789a HTTP/1.1\r\n"), small))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.URI_TOO_LONG);
        assertThatThrownBy(() -> Wire.parse(Wire.bytes("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"), small))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.REQUEST_HEADER_FIELDS_TOO_LARGE);
        assertThatThrownBy(() -> Wire.parse(Wire.bytes(
                "POST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), small))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.BAD_REQUEST);
        assertThatThrownBy(() -> Wire.parse(Wire.bytes("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n"), small))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.CONTENT_TOO_LARGE);
        assertThatThrownBy(() -> Wire.parse(Wire.bytes(
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n3\r\n"), small))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.CONTENT_TOO_LARGE);
    }

    @Test
    @DisplayName("a huge body streams through in pieces of the read buffer's size: memory stays bounded")
    void streamsLargeBodies() throws HttpException {
        RequestParser p = new RequestParser(Limits.defaults().withMaxBodyBytes(10_000_000));
        ByteBuffer head = ByteBuffer.wrap(Wire.bytes("PUT /big HTTP/1.1\r\nContent-Length: 10000000\r\n\r\n"));
        assertThat(p.next(head)).isInstanceOf(ParseEvent.Head.class);
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        long seen = 0;
        ParseEvent e = null;
        for (int i = 0; i < 10_000 && !(e instanceof ParseEvent.Complete); i++) {
            if (!chunk.hasRemaining()) {
                chunk.clear();
                chunk.limit((int) Math.min(8192, 10_000_000 - seen));
            }
            e = p.next(chunk);
            if (e instanceof ParseEvent.Data d) {
                assertThat(d.content().remaining()).isLessThanOrEqualTo(8192);
                seen += d.content().remaining();
            }
        }
        assertThat(seen).isEqualTo(10_000_000);
        assertThat(e).isInstanceOf(ParseEvent.Complete.class);
    }
}
