package dev.netlab.http1;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What an incremental HTTP/1.1 decoder reports for an input, written out as text, so the fuzz
 * targets can compare the input fed whole with the same input fed in pieces: RFC 9112 does not
 * care how the octets arrived, and neither may the parser. Body octets are joined per message
 * (pieces cut {@link ParseEvent.Data} differently); an error is compared by its status and
 * whether it closes the connection.
 */
final class EventTranscript {
    private EventTranscript() {}

    /** Small limits, so inputs of a few hundred octets reach every limit check. */
    static final Limits SMALL = new Limits(20, 256, 16, 1024, 2048, 64, Duration.ofSeconds(10), Duration.ofSeconds(5));

    /** One decoder under test: the next event of {@code in}, as {@link RequestParser#next} does. */
    @FunctionalInterface
    interface Decoder {
        ParseEvent next(ByteBuffer in) throws HttpException;
    }

    /**
     * A decoder of one message (a chunked body, a header section): once it reports
     * {@link ParseEvent.Complete}, the rest of the input belongs to whatever comes next and is
     * skipped.
     */
    static Decoder oneMessage(Decoder decoder) {
        boolean[] complete = {false};
        return in -> {
            if (complete[0]) {
                in.position(in.limit());
                return ParseEvent.NEED_MORE;
            }
            ParseEvent e = decoder.next(in);
            complete[0] = e instanceof ParseEvent.Complete;
            return e;
        };
    }

    /** The piece size a fuzz input chooses for itself: 1 to 8 octets, from its first octet. */
    static int pieceOf(byte[] input) {
        return input.length == 0 ? 1 : 1 + (input[0] & 0x07);
    }

    /**
     * The events {@code decoder} reports for {@code input} fed {@code piece} octets at a time
     * (the unread rest of a piece stays buffered, as a server's read buffer keeps it).
     * Ends at the first error. More events than the input could produce is a finding: a
     * decoder that reports without consuming would spin a server's read loop forever.
     */
    static String of(Decoder decoder, byte[] input, int piece) {
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(input.length);
        buf.flip();
        int events = 0;
        int maxEvents = 3 * input.length + 16;
        try {
            for (int from = 0; from < input.length; from += piece) {
                buf.compact();
                buf.put(input, from, Math.min(piece, input.length - from));
                buf.flip();
                while (true) {
                    ParseEvent e = decoder.next(buf);
                    if (++events > maxEvents) {
                        throw new AssertionError("more than " + maxEvents + " events for " + input.length
                                + " octets: the decoder reports without consuming its input");
                    }
                    switch (e) {
                        case ParseEvent.NeedMore n -> { }
                        case ParseEvent.Head h -> out.append("HEAD ").append(h.head()).append('\n');
                        case ParseEvent.Data d -> {
                            ByteBuffer content = d.content();
                            byte[] copy = new byte[content.remaining()];
                            content.duplicate().get(copy);
                            body.writeBytes(copy);
                        }
                        case ParseEvent.Complete c -> {
                            out.append("BODY ").append(body.toString(StandardCharsets.ISO_8859_1)).append('\n');
                            out.append("COMPLETE trailers=").append(c.trailers()).append('\n');
                            body.reset();
                        }
                    }
                    if (e instanceof ParseEvent.NeedMore) {
                        break;
                    }
                }
            }
            if (body.size() > 0) {
                out.append("BODY (unfinished) ").append(body.toString(StandardCharsets.ISO_8859_1)).append('\n');
            }
        } catch (HttpException e) {
            out.append("ERROR ").append(e.status()).append(e.closeConnection() ? " close" : "").append('\n');
        }
        return out.toString();
    }

    /** Whole and in pieces must agree; otherwise an AssertionError shows both. */
    static void sameWholeAndInPieces(String decoder, Decoder whole, Decoder pieces, byte[] input) {
        String a = of(whole, input, Math.max(1, input.length));
        int piece = pieceOf(input);
        String b = of(pieces, input, piece);
        if (!a.equals(b)) {
            throw new AssertionError(decoder + " reports different events for the same octets fed whole and "
                    + piece + " at a time (RFC 9112 does not depend on how octets arrive)\nwhole:\n" + a
                    + "in pieces:\n" + b);
        }
    }
}
