package dev.netlab.bench.http1;

import dev.netlab.http1.HttpException;
import dev.netlab.http1.Limits;
import dev.netlab.http1.ParseEvent;
import dev.netlab.http1.RequestParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing the same pipelined corpus of real-world requests: day 3's reference
 * {@link RequestParser} against Netty 4.2's {@link HttpRequestDecoder} (in an
 * {@link EmbeddedChannel}, the usual way to drive a Netty codec without a socket). One
 * operation = the whole corpus ({@link #REQUESTS} requests), every request parsed to its end,
 * bodies included; each side keeps its decoder across operations, as a connection does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {
    /** The requests of {@link #corpus()}, in order. */
    public static final int REQUESTS = 8;

    private byte[] corpus;
    private ByteBuffer buffer;
    private RequestParser parser;
    private EmbeddedChannel netty;

    /**
     * Eight requests as real clients send them, pipelined on one input: the field lines are
     * those of Chrome 126, Firefox 127 and Safari 17 (navigations, a script, an image, a
     * fetch() POST), curl, an API client with a bearer token and a chunked upload. Mostly
     * GETs with 10–18 fields and 400–900 octets of header, as on the web.
     */
    static byte[] corpus() {
        String chromeNavigation = "GET /docs/getting-started?lang=en HTTP/1.1\r\n"
                + "Host: www.example.com\r\n"
                + "Connection: keep-alive\r\n"
                + "sec-ch-ua: \"Not/A)Brand\";v=\"8\", \"Chromium\";v=\"126\", \"Google Chrome\";v=\"126\"\r\n"
                + "sec-ch-ua-mobile: ?0\r\n"
                + "sec-ch-ua-platform: \"Linux\"\r\n"
                + "Upgrade-Insecure-Requests: 1\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36\r\n"
                + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
                + "application/signed-exchange;v=b3;q=0.7\r\n"
                + "Sec-Fetch-Site: same-origin\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-User: ?1\r\nSec-Fetch-Dest: document\r\n"
                + "Referer: https://www.example.com/\r\n"
                + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
                + "Accept-Language: en-GB,en-US;q=0.9,en;q=0.8\r\n"
                + "Cookie: _ga=GA1.1.1234567890.1718000000; session=2f8a1c9e0b7d4e3fa6c5b4d3e2f1a0b9; theme=dark\r\n\r\n";
        String chromeScript = "GET /assets/app.3f9c2b.js HTTP/1.1\r\n"
                + "Host: www.example.com\r\n"
                + "Connection: keep-alive\r\n"
                + "sec-ch-ua-platform: \"Linux\"\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36\r\n"
                + "sec-ch-ua: \"Not/A)Brand\";v=\"8\", \"Chromium\";v=\"126\", \"Google Chrome\";v=\"126\"\r\n"
                + "sec-ch-ua-mobile: ?0\r\n"
                + "Accept: */*\r\n"
                + "Sec-Fetch-Site: same-origin\r\nSec-Fetch-Mode: no-cors\r\nSec-Fetch-Dest: script\r\n"
                + "Referer: https://www.example.com/docs/getting-started?lang=en\r\n"
                + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
                + "Accept-Language: en-GB,en-US;q=0.9,en;q=0.8\r\n"
                + "If-None-Match: \"1f3a-18f2a3b4c5d\"\r\n"
                + "If-Modified-Since: Tue, 18 Jun 2024 09:12:44 GMT\r\n\r\n";
        String firefoxImage = "GET /images/logo.svg HTTP/1.1\r\n"
                + "Host: www.example.com\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0\r\n"
                + "Accept: image/avif,image/webp,*/*\r\n"
                + "Accept-Language: en-US,en;q=0.5\r\n"
                + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
                + "Connection: keep-alive\r\n"
                + "Referer: https://www.example.com/docs/getting-started?lang=en\r\n"
                + "Cookie: session=2f8a1c9e0b7d4e3fa6c5b4d3e2f1a0b9; theme=dark\r\n"
                + "Sec-Fetch-Dest: image\r\nSec-Fetch-Mode: no-cors\r\nSec-Fetch-Site: same-origin\r\n"
                + "Priority: u=5, i\r\n\r\n";
        String safariNavigation = "GET /blog/2024/06/http-11-still-matters HTTP/1.1\r\n"
                + "Host: www.example.com\r\n"
                + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
                + "Sec-Fetch-Site: none\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Dest: document\r\n"
                + "User-Agent: Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/17.5 Safari/605.1.15\r\n"
                + "Accept-Language: en-GB,en;q=0.9\r\n"
                + "Accept-Encoding: gzip, deflate, br\r\n"
                + "Connection: keep-alive\r\n\r\n";
        String fetchPost = "POST /api/todos HTTP/1.1\r\n"
                + "Host: www.example.com\r\n"
                + "Connection: keep-alive\r\n"
                + "Content-Length: 37\r\n"
                + "sec-ch-ua-platform: \"Linux\"\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36\r\n"
                + "Content-Type: application/json\r\n"
                + "Accept: application/json\r\n"
                + "Origin: https://www.example.com\r\n"
                + "Sec-Fetch-Site: same-origin\r\nSec-Fetch-Mode: cors\r\nSec-Fetch-Dest: empty\r\n"
                + "Referer: https://www.example.com/app\r\n"
                + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
                + "Accept-Language: en-GB,en-US;q=0.9,en;q=0.8\r\n"
                + "Cookie: session=2f8a1c9e0b7d4e3fa6c5b4d3e2f1a0b9; theme=dark\r\n\r\n"
                + "{\"title\":\"buy oat milk\",\"done\":false}";
        String curl = "GET /api/todos?done=false HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n";
        String apiClient = "GET /v1/orders/8f14e45f?expand=items HTTP/1.1\r\n"
                + "Host: api.example.com\r\n"
                + "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiaWF0IjoxNzE4MDAwMDAwfQ."
                + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\r\n"
                + "Accept: application/json\r\n"
                + "User-Agent: okhttp/4.12.0\r\n"
                + "Accept-Encoding: gzip\r\n"
                + "X-Request-Id: 7d9f1c3e-5b2a-4e8f-9c1d-3a5b7e9f1c2d\r\n\r\n";
        String chunkedUpload = "PUT /upload/notes.txt HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: curl/7.88.1\r\n"
                + "Accept: */*\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                + "10\r\n0123456789abcdef\r\n6\r\nghijkl\r\n0\r\n\r\n";
        return (chromeNavigation + chromeScript + firefoxImage + safariNavigation + fetchPost + curl + apiClient
                + chunkedUpload).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Setup
    public void setup() {
        corpus = corpus();
        buffer = ByteBuffer.wrap(corpus);
        parser = new RequestParser(Limits.defaults()); // one per connection in the server, reused across requests
        netty = new EmbeddedChannel(new HttpRequestDecoder(), new HttpObjectAggregator(1 << 20));
    }

    /** Requests completed by the reference parser; content octets are consumed, not copied. */
    @Benchmark
    public int candidate() throws HttpException {
        buffer.clear();
        int complete = 0;
        int octets = 0;
        while (true) {
            ParseEvent e = parser.next(buffer);
            if (e instanceof ParseEvent.Complete) {
                complete++;
            } else if (e instanceof ParseEvent.Data d) {
                octets += d.content().remaining();
            } else if (e instanceof ParseEvent.NeedMore) {
                return complete * 1000 + octets;
            }
        }
    }

    /** Requests aggregated by Netty's decoder (the aggregator gives one message per request, as the candidate does). */
    @Benchmark
    public int baseline() {
        ByteBuf in = Unpooled.wrappedBuffer(corpus);
        netty.writeInbound(in);
        int complete = 0;
        Object msg;
        while ((msg = netty.readInbound()) != null) {
            complete++;
            ReferenceCountUtil.release(msg);
        }
        return complete;
    }

    /** Both must see {@link #REQUESTS} requests in the corpus. */
    int[] check() throws HttpException {
        setup();
        return new int[] {candidate() / 1000, baseline()};
    }
}
