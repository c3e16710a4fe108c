package dev.netlab.http2.hpack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Require;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * HPACK against independent implementations: every story of every encoder of
 * http2jp/hpack-test-case (go-hpack, nghttp2 with three table sizes, node-http2, python-hpack,
 * swift-nio, haskell-http2) decodes to its headers; our encoder's output for {@code raw-data}
 * decodes with Netty's HPACK decoder, and its total size is reported against nghttp2's; random
 * header lists go from Netty's encoder into our decoder and from ours into Netty's. Mistakes it
 * catches: everything the earlier HPACK checkpoints catch, on real encoders' choices — dynamic
 * table size updates mid-story (nghttp2-change-table-size), tables larger than 4096
 * (nghttp2-16384-4096), Huffman everywhere (swift-nio-hpack-huffman), literal names for every
 * field (swift-nio-hpack-plain-text); and an encoder whose table drifts from a real decoder's.
 */
@Checkpoint(id = "5.08", title = "HPACK conformance: hpack-test-case stories, Netty's encoder and decoder",
        edit = {"dev/netlab/http2/hpack/HpackDecoder.java", "dev/netlab/http2/hpack/HpackEncoder.java"},
        hint = "read the first failing story and case: it names the encoder, the wire octets and the headers expected; decode it by hand with the representation table",
        readme = "#hpack-against-real-encoders")
class HpackConformanceTest {
    private static Path testCases() {
        return Require.conformance("hpack-test-case");
    }

    @Test
    @DisplayName("every case of every story of every encoder folder decodes to its headers, one context per story")
    void everyStoryDecodes() throws Exception {
        int stories = 0;
        int cases = 0;
        List<Path> folders;
        try (Stream<Path> s = Files.list(testCases())) {
            folders = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("raw-data")).sorted().toList();
        }
        assertThat(folders).hasSizeGreaterThanOrEqualTo(9);
        for (Path folder : folders) {
            for (HpackStories story : HpackStories.load(folder)) {
                HpackDecoder decoder = new HpackDecoder(story.maxTableSize(), Long.MAX_VALUE);
                for (HpackStories.Case c : story.cases()) {
                    String where = story.folder() + "/" + story.file() + " seqno " + c.seqno();
                    FieldBlock block;
                    try {
                        block = decoder.decode(ByteBuffer.wrap(c.wire()));
                    } catch (Http2Exception e) {
                        throw new AssertionError(where + ": " + e + "\n  wire " + Hex.of(c.wire()), e);
                    }
                    assertThat(names(block.fields())).as(where).containsExactlyElementsOf(names(c.headers()));
                    cases++;
                }
                stories++;
            }
        }
        System.out.printf("hpack-test-case: %d stories, %d cases decoded in %d encoder folders%n", stories, cases, folders.size());
        assertThat(stories).isGreaterThanOrEqualTo(280);
    }

    private static List<String> names(List<HeaderField> fields) {
        return fields.stream().map(f -> f.name() + ": " + f.value()).toList();
    }

    @Test
    @DisplayName("raw-data encoded by our encoder decodes with Netty's HPACK decoder; total size against nghttp2's encoding of the same headers")
    void rawDataThroughNetty() throws Exception {
        long ours = 0;
        long nghttp2 = 0;
        int blocks = 0;
        for (HpackStories story : HpackStories.load(testCases().resolve("raw-data"))) {
            HpackEncoder encoder = new HpackEncoder(4096);
            DefaultHttp2HeadersDecoder netty = new DefaultHttp2HeadersDecoder(false, Long.MAX_VALUE / 2);
            for (HpackStories.Case c : story.cases()) {
                OctetBuffer out = new OctetBuffer();
                encoder.encode(c.headers(), out);
                ours += out.size();
                ByteBuf in = Unpooled.wrappedBuffer(out.toByteArray());
                Http2Headers decoded = netty.decodeHeaders(1, in);
                assertThat(fromNetty(decoded)).as("raw-data/%s seqno %d", story.file(), c.seqno())
                        .containsExactlyElementsOf(names(pseudoFirst(c.headers())));
                blocks++;
            }
            Path reference = testCases().resolve("nghttp2").resolve(story.file());
            for (HpackStories.Case c : HpackStories.read(reference).cases()) {
                nghttp2 += c.wire().length;
            }
        }
        System.out.printf("raw-data: %d header blocks, ours %d octets, nghttp2 %d octets: %.4fx%n",
                blocks, ours, nghttp2, (double) ours / nghttp2);
        assertThat(blocks).isGreaterThan(3000);
        assertThat(ours).as("octets against nghttp2's (issue 13: at most 1.00x)").isLessThanOrEqualTo(nghttp2);
    }

    /** Netty's Http2Headers iterate pseudo-header fields first: compare in that order. */
    private static List<HeaderField> pseudoFirst(List<HeaderField> fields) {
        List<HeaderField> sorted = new ArrayList<>();
        fields.stream().filter(f -> f.name().startsWith(":")).forEach(sorted::add);
        fields.stream().filter(f -> !f.name().startsWith(":")).forEach(sorted::add);
        return sorted;
    }

    private static List<String> fromNetty(Http2Headers headers) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<CharSequence, CharSequence> e : headers) {
            out.add(latin1(e.getKey()) + ": " + latin1(e.getValue()));
        }
        return out;
    }

    private static String latin1(CharSequence s) {
        return s instanceof AsciiString a ? new String(a.array(), a.arrayOffset(), a.length(), StandardCharsets.ISO_8859_1) : s.toString();
    }

    @Test
    @DisplayName("differential: random header lists from Netty's encoder decode in ours, and ours decode in Netty's (one context each way)")
    void differentialWithNetty() throws Exception {
        Random random = new Random(9113);
        DefaultHttp2HeadersEncoder nettyEncoder = new DefaultHttp2HeadersEncoder(
                (name, value) -> name.length() > 0 && name.charAt(0) == 's', true);
        DefaultHttp2HeadersDecoder nettyDecoder = new DefaultHttp2HeadersDecoder(false, Long.MAX_VALUE / 2);
        HpackDecoder ourDecoder = new HpackDecoder(4096, Long.MAX_VALUE);
        HpackEncoder ourEncoder = new HpackEncoder(4096);
        for (int block = 0; block < 2000; block++) {
            List<HeaderField> fields = randomFields(random);
            Http2Headers headers = new DefaultHttp2Headers(false);
            for (HeaderField f : fields) {
                headers.add(new AsciiString(f.name().getBytes(StandardCharsets.ISO_8859_1), false),
                        new AsciiString(f.value().getBytes(StandardCharsets.ISO_8859_1), false));
            }
            ByteBuf nettyOut = Unpooled.buffer();
            nettyEncoder.encodeHeaders(block * 2 + 1, headers, nettyOut);
            byte[] octets = new byte[nettyOut.readableBytes()];
            nettyOut.readBytes(octets);
            List<HeaderField> decoded = ourDecoder.decode(ByteBuffer.wrap(octets)).fields();
            assertThat(names(decoded)).as("Netty -> ours, block %d", block).containsExactlyElementsOf(names(fields));

            OctetBuffer ours = new OctetBuffer();
            ourEncoder.encode(fields, ours);
            Http2Headers back = nettyDecoder.decodeHeaders(block * 2 + 1, Unpooled.wrappedBuffer(ours.toByteArray()));
            assertThat(fromNetty(back)).as("ours -> Netty, block %d", block).containsExactlyElementsOf(names(fields));
        }
    }

    /** Pseudo-header fields first, as HTTP/2 requires; names lowercase; values any octets but NUL, CR, LF. */
    private static List<HeaderField> randomFields(Random random) {
        String[] pseudo = {":method", ":path", ":scheme", ":authority"};
        String[] names = {"accept", "accept-encoding", "cookie", "user-agent", "x-request-id", "set-cookie", "etag",
                "cache-control", "content-type", "authorization", "x-custom-" + random.nextInt(50)};
        List<HeaderField> fields = new ArrayList<>();
        for (String p : pseudo) {
            if (random.nextBoolean()) {
                fields.add(new HeaderField(p, value(random)));
            }
        }
        for (int i = 0, n = random.nextInt(15); i < n; i++) {
            fields.add(new HeaderField(names[random.nextInt(names.length)], value(random)));
        }
        return fields;
    }

    private static String value(Random random) {
        int kind = random.nextInt(4);
        if (kind == 0) {
            return "v" + random.nextInt(20);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = random.nextInt(kind == 3 ? 2000 : 60); i < n; i++) {
            char c = (char) (kind == 2 ? 0x20 + random.nextInt(0xe0) : 0x20 + random.nextInt(0x5f));
            b.append(c == 0x7f ? 'x' : c);
        }
        return b.toString();
    }
}
