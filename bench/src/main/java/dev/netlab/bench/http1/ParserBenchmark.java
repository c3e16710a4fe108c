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
 * Parsing the same pipelined corpus of realistic requests: day 3's reference
 * {@link RequestParser} against Netty 4.1's {@link HttpRequestDecoder} (in an
 * {@link EmbeddedChannel}, the usual way to drive a Netty codec without a socket). One
 * operation = the whole corpus, every request parsed to its end, bodies included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {
    /** Requests of the kinds a browser and an API client send: see {@link #corpus()}. */
    public static final int REQUESTS = 4;

    private byte[] corpus;
    private ByteBuffer buffer;
    private EmbeddedChannel netty;

    static byte[] corpus() {
        String browser = "GET /assets/app.js?v=3 HTTP/1.1\r\n"
                + "Host: localhost:8080\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36\r\n"
                + "Accept: */*\r\n"
                + "Sec-Fetch-Site: same-origin\r\nSec-Fetch-Mode: no-cors\r\nSec-Fetch-Dest: script\r\n"
                + "Referer: http://localhost:8080/\r\n"
                + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
                + "Accept-Language: en-GB,en;q=0.9\r\n"
                + "Cookie: session=2f8a1c9e0b7d4e3fa6c5b4d3e2f1a0b9; theme=dark\r\n"
                + "If-None-Match: \"1f-18f2a3b4c5d\"\r\n\r\n";
        String curl = "GET /todos HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n";
        String post = "POST /todos HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\n"
                + "Content-Length: 37\r\n\r\n{\"title\":\"buy oat milk\",\"done\":false}";
        String chunked = "PUT /upload HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Type: text/plain\r\n\r\n10\r\n0123456789abcdef\r\n6\r\nghijkl\r\n0\r\n\r\n";
        return (browser + curl + post + chunked).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Setup
    public void setup() {
        corpus = corpus();
        buffer = ByteBuffer.wrap(corpus);
        netty = new EmbeddedChannel(new HttpRequestDecoder(), new HttpObjectAggregator(1 << 20));
    }

    /** Requests completed by the reference parser; content octets are consumed, not copied. */
    @Benchmark
    public int candidate() throws HttpException {
        RequestParser parser = new RequestParser(Limits.defaults());
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
