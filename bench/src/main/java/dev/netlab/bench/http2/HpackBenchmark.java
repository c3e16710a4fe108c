package dev.netlab.bench.http2;

import dev.netlab.http2.Http2Exception;
import dev.netlab.http2.hpack.FieldBlock;
import dev.netlab.http2.hpack.HeaderField;
import dev.netlab.http2.hpack.HpackDecoder;
import dev.netlab.http2.hpack.HpackEncoder;
import dev.netlab.http2.hpack.OctetBuffer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * HPACK on the first {@value #BLOCKS} requests of a browser connection: day 5's reference
 * {@link HpackDecoder}/{@link HpackEncoder} against Netty 4.2's
 * {@link DefaultHttp2HeadersDecoder}/{@link DefaultHttp2HeadersEncoder} (the public face of its
 * HPACK codec). One operation = a fresh context (a new connection: an empty dynamic table of
 * 4,096 octets) and all {@value #BLOCKS} field blocks in order, so the dynamic table fills as it
 * does on a real connection. The decoders read the same octets, which Netty's encoder wrote
 * (an encoder independent of ours); the encoders write the same header lists.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HpackBenchmark {
    /** Field blocks per operation. */
    public static final int BLOCKS = 8;
    private static final long LIST_LIMIT = 64 * 1024;

    private List<List<HeaderField>> lists;
    private List<Http2Headers> nettyLists;
    private byte[][] wire;
    private ByteBuf[] nettyWire;
    private OctetBuffer encoded;
    private ByteBuf nettyEncoded;

    @Setup
    public void setup() throws Exception {
        lists = corpus();
        nettyLists = new ArrayList<>();
        for (List<HeaderField> l : lists) {
            Http2Headers h = new DefaultHttp2Headers(false);
            for (HeaderField f : l) {
                h.add(f.name(), f.value());
            }
            nettyLists.add(h);
        }
        DefaultHttp2HeadersEncoder encoder = nettyEncoder();
        wire = new byte[BLOCKS][];
        nettyWire = new ByteBuf[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            ByteBuf b = Unpooled.buffer();
            encoder.encodeHeaders(1, nettyLists.get(i), b);
            wire[i] = new byte[b.readableBytes()];
            b.readBytes(wire[i]);
            nettyWire[i] = Unpooled.wrappedBuffer(wire[i]);
        }
        encoded = new OctetBuffer(8192);
        nettyEncoded = Unpooled.buffer(8192);
    }

    private static DefaultHttp2HeadersEncoder nettyEncoder() {
        return new DefaultHttp2HeadersEncoder(Http2HeadersEncoder.NEVER_SENSITIVE, true);
    }

    @Benchmark
    public int decodeCandidate() throws Http2Exception {
        HpackDecoder decoder = new HpackDecoder(4096, LIST_LIMIT);
        int fields = 0;
        for (byte[] block : wire) {
            FieldBlock b = decoder.decode(ByteBuffer.wrap(block));
            fields += b.fields().size();
        }
        return fields;
    }

    @Benchmark
    public int decodeBaseline() throws io.netty.handler.codec.http2.Http2Exception {
        DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false, LIST_LIMIT);
        int fields = 0;
        for (ByteBuf block : nettyWire) {
            fields += decoder.decodeHeaders(1, block.readerIndex(0)).size();
        }
        return fields;
    }

    @Benchmark
    public int encodeCandidate() {
        HpackEncoder encoder = new HpackEncoder(4096);
        encoded.reset();
        for (List<HeaderField> l : lists) {
            encoder.encode(l, encoded);
        }
        return encoded.size();
    }

    @Benchmark
    public int encodeBaseline() throws io.netty.handler.codec.http2.Http2Exception {
        DefaultHttp2HeadersEncoder encoder = nettyEncoder();
        nettyEncoded.clear();
        for (Http2Headers h : nettyLists) {
            encoder.encodeHeaders(1, h, nettyEncoded);
        }
        return nettyEncoded.readableBytes();
    }

    /**
     * Checks that both sides agree before anything is measured: ours decodes Netty's blocks to
     * the lists, Netty decodes ours to them. Returns {ours encoded octets, Netty's encoded octets}.
     */
    int[] check() throws Exception {
        setup();
        HpackDecoder decoder = new HpackDecoder(4096, LIST_LIMIT);
        for (int i = 0; i < BLOCKS; i++) {
            List<HeaderField> got = decoder.decode(ByteBuffer.wrap(wire[i])).fields();
            if (!names(got).equals(names(lists.get(i)))) {
                throw new IllegalStateException("our decoder read Netty's block " + i + " as " + got);
            }
        }
        int ours = encodeCandidate();
        HpackEncoder encoder = new HpackEncoder(4096);
        DefaultHttp2HeadersDecoder netty = new DefaultHttp2HeadersDecoder(false, LIST_LIMIT);
        for (int i = 0; i < BLOCKS; i++) {
            OctetBuffer one = new OctetBuffer();
            encoder.encode(lists.get(i), one);
            Http2Headers h = netty.decodeHeaders(1, Unpooled.wrappedBuffer(one.toByteArray()));
            if (h.size() != lists.get(i).size()) {
                throw new IllegalStateException("Netty read our block " + i + " as " + h);
            }
        }
        return new int[] {ours, encodeBaseline()};
    }

    private static List<String> names(List<HeaderField> fields) {
        return fields.stream().map(f -> f.name() + ": " + f.value()).toList();
    }

    /**
     * The first requests of a page load as Chrome 126 sends them over h2 (the navigation, its
     * style sheet, script, two images, a font, a {@code fetch()} POST, a favicon): 12–17 fields,
     * the same long {@code user-agent}, {@code sec-ch-ua} and {@code cookie} on most, which is what
     * the dynamic table is for.
     */
    static List<List<HeaderField>> corpus() {
        String ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
        String chUa = "\"Not/A)Brand\";v=\"8\", \"Chromium\";v=\"126\", \"Google Chrome\";v=\"126\"";
        String cookie = "_ga=GA1.1.1234567890.1718000000; session=2f8a1c9e0b7d4e3fa6c5b4d3e2f1a0b9; theme=dark";
        List<List<HeaderField>> out = new ArrayList<>();
        out.add(fields(":method", "GET", ":authority", "www.example.com", ":scheme", "https", ":path", "/docs/getting-started?lang=en",
                "sec-ch-ua", chUa, "sec-ch-ua-mobile", "?0", "sec-ch-ua-platform", "\"Linux\"", "upgrade-insecure-requests", "1",
                "user-agent", ua,
                "accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
                        + "application/signed-exchange;v=b3;q=0.7",
                "sec-fetch-site", "same-origin", "sec-fetch-mode", "navigate", "sec-fetch-user", "?1", "sec-fetch-dest", "document",
                "referer", "https://www.example.com/", "accept-encoding", "gzip, deflate, br, zstd",
                "accept-language", "en-GB,en-US;q=0.9,en;q=0.8", "cookie", cookie));
        out.add(sub("/assets/site.8c1d2e.css", "text/css,*/*;q=0.1", "style", ua, chUa, cookie));
        out.add(sub("/assets/app.3f9c2b.js", "*/*", "script", ua, chUa, cookie));
        out.add(sub("/images/logo.svg", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "image", ua, chUa, cookie));
        out.add(sub("/images/hero-1280.webp", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "image", ua, chUa, cookie));
        out.add(sub("/fonts/inter-var.woff2", "*/*", "font", ua, chUa, cookie));
        out.add(fields(":method", "POST", ":authority", "www.example.com", ":scheme", "https", ":path", "/api/v1/events",
                "content-length", "187", "sec-ch-ua-platform", "\"Linux\"", "user-agent", ua, "sec-ch-ua", chUa,
                "content-type", "application/json", "sec-ch-ua-mobile", "?0", "accept", "*/*", "origin", "https://www.example.com",
                "sec-fetch-site", "same-origin", "sec-fetch-mode", "cors", "sec-fetch-dest", "empty",
                "referer", "https://www.example.com/docs/getting-started?lang=en", "accept-encoding", "gzip, deflate, br, zstd",
                "accept-language", "en-GB,en-US;q=0.9,en;q=0.8", "cookie", cookie));
        out.add(sub("/favicon.ico", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "image", ua, chUa, cookie));
        return out;
    }

    private static List<HeaderField> sub(String path, String accept, String dest, String ua, String chUa, String cookie) {
        return fields(":method", "GET", ":authority", "www.example.com", ":scheme", "https", ":path", path,
                "sec-ch-ua-platform", "\"Linux\"", "user-agent", ua, "sec-ch-ua", chUa, "sec-ch-ua-mobile", "?0",
                "accept", accept, "sec-fetch-site", "same-origin", "sec-fetch-mode", "no-cors", "sec-fetch-dest", dest,
                "referer", "https://www.example.com/docs/getting-started?lang=en", "accept-encoding", "gzip, deflate, br, zstd",
                "accept-language", "en-GB,en-US;q=0.9,en;q=0.8", "cookie", cookie);
    }

    private static List<HeaderField> fields(String... nameValue) {
        List<HeaderField> out = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            out.add(new HeaderField(nameValue[i], nameValue[i + 1]));
        }
        return out;
    }
}
