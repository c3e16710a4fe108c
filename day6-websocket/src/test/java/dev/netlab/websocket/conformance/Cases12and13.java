package dev.netlab.websocket.conformance;

import dev.netlab.websocket.Frames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Autobahn cases 12 and 13 (permessage-deflate): 12.x sends compressed messages of growing
 * sizes from five kinds of payload with the default offer (Autobahn: 1,000 messages each; here
 * 10, to keep the suite within the day's test budget); 13.x repeats with other offers
 * (context takeover, window bits, several offers in one header). The client side is written
 * here with java.util.zip directly, independent of the exercise classes. When the server
 * accepted {@code server_no_context_takeover}, every echo is inflated with a fresh inflater: a
 * server that kept its window anyway fails.
 */
final class Cases12and13 {
    static final int[] SIZES = {16, 64, 256, 1024, 4096, 8192, 16384, 32768, 65536, 131072};
    static final int MESSAGES = 10;
    static final String[] KINDS = {"JSON text", "binary image-like", "prose", "HTML", "random binary"};

    private Cases12and13() {}

    static byte[] payload(int kind, int size, long seed) {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] words = {"Nacht", "Faust", "Geist", "Welt", "und", "die", "der", "ich", "nicht", "ein", "zu"};
        while (out.size() < size) {
            String chunk = switch (kind) {
                case 0 -> "{\"id\":" + random.nextInt(100000) + ",\"name\":\"user" + random.nextInt(50) + "\",\"tags\":[\"a\",\"b\"],\"ok\":true},";
                case 2 -> words[random.nextInt(words.length)] + (random.nextInt(8) == 0 ? ".\n" : " ");
                case 3 -> "<div class=\"row\"><a href=\"/item/" + random.nextInt(1000) + "\">item</a></div>\n";
                default -> null;
            };
            if (chunk != null) {
                byte[] b = chunk.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            } else if (kind == 1) {
                int run = 1 + random.nextInt(40);
                int v = random.nextInt(4) * 64;
                for (int i = 0; i < run; i++) {
                    out.write(v);
                }
            } else {
                out.write(random.nextInt(256));
            }
        }
        return Arrays.copyOf(out.toByteArray(), size);
    }

    private record Offer(String header, boolean expectAccepted, boolean serverNoContext) {}

    static List<AutobahnCase> all() {
        List<AutobahnCase> cases = new ArrayList<>();
        for (int kind = 0; kind < KINDS.length; kind++) {
            for (int s = 0; s < SIZES.length; s++) {
                cases.add(deflateCase("12." + (kind + 1) + "." + (s + 1), new Offer("permessage-deflate; client_max_window_bits", true, false),
                        kind, SIZES[s], 0));
            }
        }
        Offer[] offers = {
                new Offer("permessage-deflate", true, false),
                new Offer("permessage-deflate; server_no_context_takeover", true, true),
                new Offer("permessage-deflate; server_max_window_bits=8", false, false),
                new Offer("permessage-deflate; server_max_window_bits=15", true, false),
                new Offer("permessage-deflate; server_no_context_takeover; server_max_window_bits=8", false, false),
                new Offer("permessage-deflate; server_no_context_takeover; server_max_window_bits=15", true, true),
                new Offer("permessage-deflate; server_no_context_takeover; server_max_window_bits=8, "
                        + "permessage-deflate; server_no_context_takeover, permessage-deflate", true, true)};
        int[] sizes13 = {16, 64, 256, 1024, 4096, 8192, 16384, 32768, 65536};
        for (int o = 0; o < offers.length; o++) {
            for (int s = 0; s < sizes13.length; s++) {
                cases.add(deflateCase("13." + (o + 1) + "." + (s + 1), offers[o], 2, sizes13[s], s % 3 == 2 ? 1300 : 0));
            }
        }
        return cases;
    }

    private static AutobahnCase deflateCase(String id, Offer offer, int kind, int size, int fragment) {
        return new AutobahnCase(id, "/echo", List.of("Sec-WebSocket-Extensions: " + offer.header()), r -> {
            String head = r.client().responseHead();
            boolean accepted = head.toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-extensions: permessage-deflate");
            if (accepted != offer.expectAccepted()) {
                r.fail("offer " + offer.header() + (accepted ? " was accepted" : " was declined") + ": " + head);
                return;
            }
            if (!accepted) {
                // declined: a window java.util.zip cannot honour. The connection still works, uncompressed.
                r.downgrade(Verdict.UNIMPLEMENTED, "declined " + offer.header());
                byte[] plain = payload(kind, size, 1);
                r.send(Frames.client(true, kind % 2 == 0 ? Frames.TEXT : Frames.BINARY, plain));
                r.expect(kind % 2 == 0 ? Frames.TEXT : Frames.BINARY, plain);
                r.closeNormally();
                return;
            }
            boolean serverNoContext = head.contains("server_no_context_takeover");
            if (serverNoContext != offer.serverNoContext()) {
                r.fail("server_no_context_takeover " + (serverNoContext ? "answered" : "missing") + " for " + offer.header());
            }
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            Inflater inflater = new Inflater(true);
            int opcode = kind % 2 == 0 && kind != 4 ? Frames.TEXT : Frames.BINARY;
            for (int m = 0; m < MESSAGES; m++) {
                byte[] plain = payload(kind, size, m);
                byte[] compressed = compress(deflater, plain);
                r.send(frames(opcode, compressed, fragment));
                Frames.Frame echo = r.client().poll(CaseRun.WAIT);
                if (echo == null || echo.opcode() != opcode) {
                    r.fail("message " + m + ": expected the echo, got " + echo);
                    return;
                }
                if ((echo.rsv() & 0b100) == 0) {
                    r.fail("message " + m + ": the echo is not compressed (RSV1 clear)");
                    return;
                }
                if (serverNoContext) {
                    inflater.reset(); // the server promised every message stands alone
                }
                byte[] back = inflate(inflater, echo.payload());
                if (back == null || !Arrays.equals(back, plain)) {
                    r.fail("message " + m + ": the echo inflates to something else" + (serverNoContext ? " (context kept?)" : ""));
                    return;
                }
            }
            r.closeNormally();
        });
    }

    private static byte[][] frames(int opcode, byte[] payload, int fragment) {
        if (fragment <= 0 || payload.length <= fragment) {
            return new byte[][] {Frames.frame(true, 0b100, opcode, payload, true, Frames.KEY)};
        }
        List<byte[]> out = new ArrayList<>();
        for (int at = 0; at < payload.length; at += fragment) {
            byte[] piece = Arrays.copyOfRange(payload, at, Math.min(payload.length, at + fragment));
            boolean first = at == 0;
            boolean last = at + fragment >= payload.length;
            out.add(Frames.frame(last, first ? 0b100 : 0, first ? opcode : Frames.CONT, piece, true, Frames.KEY));
        }
        return out.toArray(byte[][]::new);
    }

    private static byte[] compress(Deflater deflater, byte[] plain) {
        deflater.setInput(plain);
        byte[] buf = new byte[plain.length + 1024];
        int n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        return Arrays.copyOf(buf, n - 4);
    }

    private static byte[] inflate(Inflater inflater, byte[] compressed) throws IOException {
        inflater.setInput(Frames.concat(compressed, new byte[] {0, 0, (byte) 0xff, (byte) 0xff}));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            while (true) {
                int n = inflater.inflate(buf);
                if (n == 0) {
                    return out.toByteArray();
                }
                out.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            return null;
        }
    }
}
