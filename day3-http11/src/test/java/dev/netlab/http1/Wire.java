package dev.netlab.http1;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: feed bytes to the parsers in pieces and collect what they report. */
final class Wire {
    private Wire() {}

    /** A whole parsed request: head, body octets, trailers. */
    record Message(RequestHead head, byte[] body, HeaderFields trailers) {
        String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code content} in the gzip format (RFC 1952). */
    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code content} in the zlib format (RFC 1950): HTTP's "deflate" coding. */
    static byte[] zlib(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var z = new java.util.zip.DeflaterOutputStream(out)) {
            z.write(content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A POST of {@code coded} with {@code Transfer-Encoding: codings}, cut into two chunks. */
    static byte[] chunkedPost(String target, String codings, byte[] coded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("POST " + target + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + codings + "\r\n\r\n"));
        int half = coded.length / 2;
        out.writeBytes(bytes(Integer.toHexString(half) + "\r\n"));
        out.write(coded, 0, half);
        out.writeBytes(bytes("\r\n" + Integer.toHexString(coded.length - half) + "\r\n"));
        out.write(coded, half, coded.length - half);
        out.writeBytes(bytes("\r\n0\r\n\r\n"));
        return out.toByteArray();
    }

    /** Parses every complete message in {@code input}, fed in pieces cut at {@code cuts} (ascending offsets). */
    static List<Message> parse(byte[] input, Limits limits, int... cuts) throws HttpException {
        RequestParser parser = new RequestParser(limits);
        List<Message> out = new ArrayList<>();
        Collector c = new Collector();
        // One growing buffer, as a server's read buffer: each piece is appended, then parsed.
        ByteBuffer buf = ByteBuffer.allocate(input.length);
        buf.flip();
        int from = 0;
        int[] ends = new int[cuts.length + 1];
        System.arraycopy(cuts, 0, ends, 0, cuts.length);
        ends[cuts.length] = input.length;
        for (int end : ends) {
            buf.compact();
            buf.put(input, from, end - from);
            buf.flip();
            from = end;
            c.drain(parser, buf, out);
        }
        return out;
    }

    static List<Message> parse(String input) throws HttpException {
        return parse(bytes(input), Limits.defaults());
    }

    /** One octet per call. */
    static List<Message> byteAtATime(byte[] input, Limits limits) throws HttpException {
        int[] cuts = new int[Math.max(0, input.length - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return parse(input, limits, cuts);
    }

    /** The only message of {@code input}, which must be complete. */
    static Message one(String input) throws HttpException {
        List<Message> all = parse(input);
        if (all.size() != 1) {
            throw new AssertionError("expected one complete message, got " + all.size());
        }
        return all.get(0);
    }

    private static final class Collector {
        private RequestHead head;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int guard;

        void drain(RequestParser parser, ByteBuffer buf, List<Message> out) throws HttpException {
            while (true) {
                if (++guard > 10_000_000) {
                    throw new AssertionError("the parser keeps reporting events without consuming input");
                }
                ParseEvent e = parser.next(buf);
                switch (e) {
                    case ParseEvent.NeedMore n -> {
                        if (buf.hasRemaining()) {
                            throw new AssertionError("NeedMore with " + buf.remaining() + " octets left unread");
                        }
                        return;
                    }
                    case ParseEvent.Head h -> {
                        if (head != null) {
                            throw new AssertionError("a second Head before Complete");
                        }
                        head = h.head();
                    }
                    case ParseEvent.Data d -> {
                        if (head == null) {
                            throw new AssertionError("Data before Head");
                        }
                        byte[] b = new byte[d.content().remaining()];
                        d.content().get(b);
                        body.write(b, 0, b.length);
                    }
                    case ParseEvent.Complete done -> {
                        if (head == null) {
                            throw new AssertionError("Complete before Head");
                        }
                        out.add(new Message(head, body.toByteArray(), done.trailers()));
                        head = null;
                        body.reset();
                    }
                }
            }
        }
    }
}
