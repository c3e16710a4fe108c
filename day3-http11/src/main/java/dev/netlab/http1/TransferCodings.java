package dev.netlab.http1;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Undoes the transfer codings a client applied before {@code chunked} (given code: the
 * compression itself is the JDK's). The parser only frames the body — it removes the
 * chunked coding, as llhttp does — and the connection calls {@link #decode} on the
 * complete body before the handler sees it.
 *
 * <pre>
 *   Transfer-Encoding: gzip, chunked          RFC 9112 §6.1: listed in the order applied
 *   content ──gzip──► coded ──chunked──► message body
 *   handler ◄─inflate─ coded ◄─ChunkedDecoder─ message body
 * </pre>
 *
 * <p>RFC 9112 §7 registers {@code gzip} and {@code deflate} (with {@code x-gzip} as an
 * alias, §7.2) besides {@code chunked}; {@code compress} (LZW) has no decoder in the JDK,
 * and {@code identity} is not a transfer coding since RFC 7230. A coding this server does
 * not implement is refused by {@link BodyLength} with 501 before any body octet is read
 * (RFC 9112 §6.1: it "SHOULD respond with the 501 (Not Implemented) status code").
 */
public final class TransferCodings {
    /** The transfer codings, besides chunked, that {@link #decode} undoes. */
    public static final Set<String> DECODABLE = Set.of("gzip", "x-gzip", "deflate");

    private static final int STEP = 8 * 1024;

    private TransferCodings() {}

    /**
     * The content of a request whose (chunked) body has been read whole: {@code body} with
     * every transfer coding listed before the final {@code chunked} undone, the last applied
     * first. Without Transfer-Encoding, with chunked alone, or with an empty body (nothing
     * was sent to decode), {@code body} itself.
     *
     * <p>The decoded size is bounded by {@code maxBytes} as it is produced — a few KiB of
     * gzip can inflate to gigabytes (a "zip bomb"): past the bound it is 413. Data that is not
     * in its coding's format is 400. The body was framed correctly, so neither error is a
     * framing error; the connection decides whether to stay open.
     */
    public static byte[] decode(RequestHead head, byte[] body, long maxBytes) throws HttpException {
        if (body.length == 0 || !head.headers().contains("Transfer-Encoding")) {
            return body;
        }
        return decode(head.headers().elements("Transfer-Encoding", true), body, maxBytes);
    }

    /**
     * {@code body} with every coding of {@code codings} (lower-case, in the order applied, the
     * final {@code chunked} included and already removed by the parser) undone, last first.
     */
    public static byte[] decode(List<String> codings, byte[] body, long maxBytes) throws HttpException {
        for (int i = codings.size() - 2; i >= 0; i--) { // the last one, chunked, is the parser's
            body = undo(codings.get(i), body, maxBytes);
        }
        return body;
    }

    private static byte[] undo(String coding, byte[] coded, long maxBytes) throws HttpException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(coded.length * 4L, STEP * 8));
        byte[] step = new byte[STEP];
        try (InputStream in = open(coding, coded)) {
            for (int n; (n = in.read(step)) > 0; ) {
                if (out.size() + (long) n > maxBytes) {
                    throw HttpException.of(Status.CONTENT_TOO_LARGE,
                            coding + " content inflates beyond " + maxBytes + " octets");
                }
                out.write(step, 0, n);
            }
        } catch (IOException e) { // ZipException, EOFException: truncated or not this format
            throw HttpException.of(Status.BAD_REQUEST, "body is not valid " + coding + " data: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private static InputStream open(String coding, byte[] coded) throws IOException, HttpException {
        InputStream raw = new ByteArrayInputStream(coded);
        return switch (coding) {
            // RFC 9110 §8.4.1.3: gzip is the GZIP file format (RFC 1952), x-gzip its alias.
            case "gzip", "x-gzip" -> new GZIPInputStream(raw, STEP);
            // RFC 9110 §8.4.1.2: deflate is the "zlib" data format (RFC 1950) around a
            // deflate stream (RFC 1951), not a bare deflate stream.
            case "deflate" -> new InflaterInputStream(raw);
            default -> throw HttpException.closing(Status.NOT_IMPLEMENTED, "transfer coding " + coding + " is not supported");
        };
    }
}
