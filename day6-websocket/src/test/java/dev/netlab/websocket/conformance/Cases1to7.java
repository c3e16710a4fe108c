package dev.netlab.websocket.conformance;

import static dev.netlab.websocket.Frames.BINARY;
import static dev.netlab.websocket.Frames.CLOSE;
import static dev.netlab.websocket.Frames.CONT;
import static dev.netlab.websocket.Frames.PING;
import static dev.netlab.websocket.Frames.PONG;
import static dev.netlab.websocket.Frames.TEXT;
import static dev.netlab.websocket.Frames.client;
import static dev.netlab.websocket.Frames.closePayload;
import static dev.netlab.websocket.Frames.frame;
import static dev.netlab.websocket.Frames.hex;
import static dev.netlab.websocket.Frames.utf8;

import dev.netlab.websocket.Frames;
import dev.netlab.websocket.Utf8Cases;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Autobahn cases 1–7 as in {@code ../shared/conformance/autobahn/catalogue.txt}: framing,
 * pings and pongs, reserved bits, opcodes, fragmentation, UTF-8 (with the 132 vectors of
 * 6.5–6.23), and closing. Each body sends what the catalogue's case sends and judges with the
 * catalogue's expectation.
 */
final class Cases1to7 {
    private static final List<Integer> PROTOCOL = List.of(1002);
    private static final List<Integer> UTF8 = List.of(1007);

    private Cases1to7() {}

    static byte[] filled(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    private static AutobahnCase echo(String id, int opcode, int length, int chop) {
        return AutobahnCase.of(id, r -> {
            byte[] payload = filled(length, opcode == TEXT ? '*' : (char) 0xfe);
            if (chop > 0) {
                r.sendChopped(chop, client(true, opcode, payload));
            } else {
                r.send(client(true, opcode, payload));
            }
            r.expect(opcode, payload);
            r.closeNormally();
        });
    }

    static List<AutobahnCase> all() throws IOException {
        List<AutobahnCase> cases = new ArrayList<>();
        int[] lengths = {0, 125, 126, 127, 128, 65535, 65536};
        for (int i = 0; i < lengths.length; i++) {
            cases.add(echo("1.1." + (i + 1), TEXT, lengths[i], 0));
            cases.add(echo("1.2." + (i + 1), BINARY, lengths[i], 0));
        }
        cases.add(echo("1.1.8", TEXT, 65536, 997));
        cases.add(echo("1.2.8", BINARY, 65536, 997));
        pings(cases);
        reserved(cases);
        fragmentation(cases);
        utf8Cases(cases);
        closing(cases);
        return cases;
    }

    private static void pings(List<AutobahnCase> cases) {
        cases.add(AutobahnCase.of("2.1", r -> {
            r.send(client(true, PING, new byte[0]));
            r.expect(PONG, new byte[0]);
            r.closeNormally();
        }));
        cases.add(AutobahnCase.of("2.2", r -> {
            r.send(client(true, PING, utf8("Hello, world!")));
            r.expect(PONG, utf8("Hello, world!"));
            r.closeNormally();
        }));
        cases.add(AutobahnCase.of("2.3", r -> {
            r.send(client(true, PING, hex("0000fffe ff fa")));
            r.expect(PONG, hex("0000fffefffa"));
            r.closeNormally();
        }));
        cases.add(AutobahnCase.of("2.4", r -> {
            r.send(client(true, PING, filled(125, (char) 0xfe)));
            r.expect(PONG, filled(125, (char) 0xfe));
            r.closeNormally();
        }));
        cases.add(AutobahnCase.of("2.5", r -> {
            r.send(client(true, PING, filled(126, (char) 0xfe)));
            r.expectFailure(PROTOCOL);
        }));
        cases.add(AutobahnCase.of("2.6", r -> {
            r.sendChopped(1, client(true, PING, filled(125, (char) 0xfe)));
            r.expect(PONG, filled(125, (char) 0xfe));
            r.closeNormally();
        }));
        cases.add(AutobahnCase.of("2.7", r -> {
            r.send(client(true, PONG, new byte[0]));
            r.expectNothing(Duration.ofMillis(300));
            r.closeNormally();
        }));
        cases.add(AutobahnCase.of("2.8", r -> {
            r.send(client(true, PONG, utf8("unsolicited pong payload")));
            r.expectNothing(Duration.ofMillis(300));
            r.closeNormally();
        }));
        cases.add(AutobahnCase.of("2.9", r -> {
            r.send(client(true, PONG, utf8("unsolicited pong payload")), client(true, PING, utf8("ping payload")));
            r.expect(PONG, utf8("ping payload"));
            r.closeNormally();
        }));
        for (int chop : new int[] {0, 1}) {
            cases.add(AutobahnCase.of(chop == 0 ? "2.10" : "2.11", r -> {
                byte[][] pings = new byte[10][];
                for (int i = 0; i < 10; i++) {
                    pings[i] = client(true, PING, utf8("payload-" + i));
                }
                if (chop == 0) {
                    r.send(pings);
                } else {
                    r.sendChopped(1, pings);
                }
                for (int i = 0; i < 10; i++) {
                    r.expect(PONG, utf8("payload-" + i));
                }
                r.closeNormally();
            }));
        }
    }

    private static void reserved(List<AutobahnCase> cases) {
        cases.add(AutobahnCase.of("3.1", r -> {
            r.send(frame(true, 1, TEXT, utf8("Hello, world!"), true, Frames.KEY));
            r.expectFailure(PROTOCOL);
        }));
        for (int rsv = 2; rsv <= 4; rsv++) {
            int bits = rsv;
            cases.add(AutobahnCase.of("3." + rsv, r -> {
                byte[] all = Frames.concat(client(TEXT, "Hello, world!"), frame(true, bits, TEXT, utf8("Hello, world!"), true, Frames.KEY),
                        client(true, PING, new byte[0]));
                if (bits == 2) {
                    r.send(all);
                } else {
                    r.sendChopped(1, all);
                }
                r.expect(TEXT, utf8("Hello, world!"));
                r.expectFailure(PROTOCOL);
            }));
        }
        cases.add(AutobahnCase.of("3.5", r -> {
            r.send(frame(true, 5, BINARY, filled(8, (char) 0xff), true, Frames.KEY));
            r.expectFailure(PROTOCOL);
        }));
        cases.add(AutobahnCase.of("3.6", r -> {
            r.send(frame(true, 6, PING, utf8("Hello, world!"), true, Frames.KEY));
            r.expectFailure(PROTOCOL);
        }));
        cases.add(AutobahnCase.of("3.7", r -> {
            r.send(frame(true, 7, CLOSE, closePayload(1000, ""), true, Frames.KEY));
            r.expectFailure(PROTOCOL);
        }));
        int[][] opcodes = {{1, 3}, {2, 4}, {3, 5}, {4, 6}, {5, 7}};
        for (int group = 1; group <= 2; group++) {
            for (int[] o : opcodes) {
                int opcode = group == 1 ? o[1] : o[1] + 8;
                int n = o[0];
                cases.add(AutobahnCase.of("4." + group + "." + n, r -> {
                    byte[] bad = client(true, opcode, n == 1 ? new byte[0] : utf8("reserved opcode payload"));
                    if (n <= 2) {
                        r.send(bad);
                    } else {
                        r.send(client(TEXT, "Hello, world!"), bad, client(true, PING, new byte[0]));
                        r.expect(TEXT, utf8("Hello, world!"));
                    }
                    r.expectFailure(PROTOCOL);
                }));
            }
        }
    }

    private static void fragmentation(List<AutobahnCase> cases) {
        cases.add(AutobahnCase.of("5.1", r -> {
            r.send(client(false, PING, utf8("fragment1")), client(true, CONT, utf8("fragment2")));
            r.expectFailure(PROTOCOL);
        }));
        cases.add(AutobahnCase.of("5.2", r -> {
            r.send(client(false, PONG, utf8("fragment1")), client(true, CONT, utf8("fragment2")));
            r.expectFailure(PROTOCOL);
        }));
        for (int i = 0; i < 3; i++) {
            int chop = i == 2 ? 1 : 0;
            cases.add(AutobahnCase.of("5." + (3 + i), r -> {
                r.sendChopped(chop == 0 ? 1 << 20 : 1, client(false, TEXT, utf8("fragment1")), client(true, CONT, utf8("fragment2")));
                r.expect(TEXT, utf8("fragment1fragment2"));
                r.closeNormally();
            }));
            cases.add(AutobahnCase.of("5." + (6 + i), r -> {
                r.sendChopped(chop == 0 ? 1 << 20 : 1, client(false, TEXT, utf8("fragment1")), client(true, PING, utf8("ping payload")),
                        client(true, CONT, utf8("fragment2")));
                r.expect(PONG, utf8("ping payload"));
                r.expect(TEXT, utf8("fragment1fragment2"));
                r.closeNormally();
            }));
        }
        for (int i = 0; i < 6; i++) {
            boolean fin = i < 3;
            int chop = i % 3 == 2 ? 1 : 1 << 20;
            cases.add(AutobahnCase.of("5." + (9 + i), r -> {
                r.sendChopped(chop, client(fin, CONT, utf8("non-continuation payload")), client(TEXT, "Hello, world!"));
                r.expectFailure(PROTOCOL);
            }));
        }
        cases.add(AutobahnCase.of("5.15", r -> {
            r.send(client(false, TEXT, utf8("fragment1")), client(true, CONT, utf8("fragment2")),
                    client(false, CONT, utf8("fragment3")), client(TEXT, "fragment4"));
            r.expect(TEXT, utf8("fragment1fragment2"));
            r.expectFailure(PROTOCOL);
        }));
        for (boolean fin : new boolean[] {false, true}) {
            cases.add(AutobahnCase.of(fin ? "5.17" : "5.16", r -> {
                for (int k = 0; k < 2; k++) {
                    r.send(client(fin, CONT, utf8("fragment1")), client(false, TEXT, utf8("fragment2")), client(true, CONT, utf8("fragment3")));
                }
                r.expectFailure(PROTOCOL);
            }));
        }
        cases.add(AutobahnCase.of("5.18", r -> {
            r.send(client(false, TEXT, utf8("fragment1")), client(true, TEXT, utf8("fragment2")));
            r.expectFailure(PROTOCOL);
        }));
        for (String id : new String[] {"5.19", "5.20"}) {
            cases.add(AutobahnCase.of(id, r -> {
                r.send(client(false, TEXT, utf8("fragment1")), client(false, CONT, utf8("fragment2")), client(true, PING, utf8("pongme 1!")));
                r.expect(PONG, utf8("pongme 1!"));
                sleep(300);
                r.send(client(false, CONT, utf8("fragment3")), client(false, CONT, utf8("fragment4")), client(true, PING, utf8("pongme 2!")));
                r.expect(PONG, utf8("pongme 2!"));
                sleep(300);
                r.send(client(true, CONT, utf8("fragment5")));
                r.expect(TEXT, utf8("fragment1fragment2fragment3fragment4fragment5"));
                r.closeNormally();
            }));
        }
    }

    private static void utf8Cases(List<AutobahnCase> cases) throws IOException {
        cases.add(AutobahnCase.of("6.1.1", r -> {
            r.send(client(true, TEXT, new byte[0]));
            r.expect(TEXT, new byte[0]);
            r.closeNormally();
        }));
        cases.add(AutobahnCase.of("6.1.2", r -> {
            r.send(client(false, TEXT, new byte[0]), client(false, CONT, new byte[0]), client(true, CONT, new byte[0]));
            r.expect(TEXT, new byte[0]);
            r.closeNormally();
        }));
        cases.add(AutobahnCase.of("6.1.3", r -> {
            r.send(client(false, TEXT, new byte[0]), client(false, CONT, utf8("middle frame payload")), client(true, CONT, new byte[0]));
            r.expect(TEXT, utf8("middle frame payload"));
            r.closeNormally();
        }));
        byte[] hello = "Hello-µ@ßöäüàá-UTF-8!!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] kosme = hex("cebae1bdb9cf83cebcceb5");
        cases.add(AutobahnCase.of("6.2.1", r -> {
            r.send(client(true, TEXT, hello));
            r.expect(TEXT, hello);
            r.closeNormally();
        }));
        cases.add(AutobahnCase.of("6.2.2", r -> {
            r.send(client(false, TEXT, Arrays.copyOf(hello, 11)), client(true, CONT, Arrays.copyOfRange(hello, 11, hello.length)));
            r.expect(TEXT, hello);
            r.closeNormally();
        }));
        for (int k = 0; k < 2; k++) {
            byte[] text = k == 0 ? hello : kosme;
            cases.add(AutobahnCase.of("6.2." + (3 + k), r -> {
                List<byte[]> frames = new ArrayList<>();
                for (int i = 0; i < text.length; i++) {
                    frames.add(client(i == text.length - 1, i == 0 ? TEXT : CONT, new byte[] {text[i]}));
                }
                r.send(frames.toArray(byte[][]::new));
                r.expect(TEXT, text);
                r.closeNormally();
            }));
        }
        byte[] invalid = hex("cebae1bdb9cf83cebcceb5eda080656469746564");
        cases.add(AutobahnCase.of("6.3.1", r -> {
            r.send(client(true, TEXT, invalid));
            r.expectFailure(UTF8);
        }));
        cases.add(AutobahnCase.of("6.3.2", r -> {
            List<byte[]> frames = new ArrayList<>();
            for (int i = 0; i < invalid.length; i++) {
                frames.add(client(i == invalid.length - 1, i == 0 ? TEXT : CONT, new byte[] {invalid[i]}));
            }
            r.send(frames.toArray(byte[][]::new));
            r.expectFailure(UTF8);
        }));
        // 6.4.x: fail fast. Part 1 valid, part 2 makes it invalid; the server must fail before part 3 comes.
        byte[] p1 = hex("cebae1bdb9cf83cebcceb5");
        byte[] p2 = hex("f4908080");
        byte[] p3 = hex("656469746564");
        for (int k = 1; k <= 4; k++) {
            boolean frames = k <= 2;
            byte[] part2 = k % 2 == 1 ? p2 : hex("f490");
            cases.add(AutobahnCase.of("6.4." + k, r -> {
                if (frames) {
                    r.send(client(false, TEXT, p1));
                    r.expectNothing(Duration.ofMillis(300));
                    r.send(client(false, CONT, part2));
                } else {
                    // one frame announced in full, sent in three chops
                    byte[] whole = client(true, TEXT, Frames.concat(p1, part2, p3));
                    int headerEnd = whole.length - p1.length - part2.length - p3.length;
                    r.client().send(Arrays.copyOf(whole, headerEnd + p1.length));
                    r.expectNothing(Duration.ofMillis(300));
                    r.client().send(Arrays.copyOfRange(whole, headerEnd + p1.length, headerEnd + p1.length + part2.length));
                }
                // fail fast: the Close must come now, before part 3 is sent
                Frames.Frame f = r.client().poll(Duration.ofSeconds(2));
                if (f == null) {
                    r.downgrade(Verdict.NON_STRICT, "not failed fast: nothing before the message was complete");
                    r.send(frames ? client(true, CONT, p3) : new byte[0]);
                    r.expectFailure(UTF8);
                } else if (f.opcode() != CLOSE || f.closeCode() != 1007) {
                    r.fail("expected Close 1007, got " + f);
                } else {
                    r.expectTcpClose();
                }
            }));
        }
        for (Utf8Cases.Case c : Utf8Cases.all()) {
            cases.add(AutobahnCase.of(c.id(), r -> {
                r.send(client(true, TEXT, c.payload()));
                if (c.valid()) {
                    r.expect(TEXT, c.payload());
                    r.closeNormally();
                } else {
                    r.expectFailure(UTF8);
                }
            }));
        }
    }

    private static void closing(List<AutobahnCase> cases) {
        cases.add(AutobahnCase.of("7.1.1", r -> {
            r.send(client(TEXT, "Hello World!"));
            r.expect(TEXT, utf8("Hello World!"));
            r.closeNormally();
        }));
        cases.add(AutobahnCase.of("7.1.2", r -> {
            r.send(client(true, CLOSE, closePayload(1000, "")), client(true, CLOSE, closePayload(1000, "")));
            r.expectFailure(List.of(1000));
        }));
        cases.add(AutobahnCase.of("7.1.3", r -> {
            r.send(client(true, CLOSE, closePayload(1000, "")), client(true, PING, utf8("Hello World!")));
            r.expectFailure(List.of(1000)); // clean close, no pong (a pong before the Close would be judged)
        }));
        cases.add(AutobahnCase.of("7.1.4", r -> {
            r.send(client(true, CLOSE, closePayload(1000, "")), client(TEXT, "Hello World!"));
            r.expectFailure(List.of(1000));
        }));
        cases.add(AutobahnCase.of("7.1.5", r -> {
            r.send(client(false, TEXT, utf8("fragment1")), client(true, CLOSE, closePayload(1000, "")), client(true, CONT, utf8("fragment2")));
            r.expectFailure(List.of(1000));
        }));
        cases.add(AutobahnCase.of("7.1.6", r -> {
            byte[] big = filled(256 * 1024, 'B');
            r.send(client(true, TEXT, big), client(true, CLOSE, closePayload(1000, "")), client(true, PING, utf8("Hello World!")));
            Frames.Frame f = r.client().poll(CaseRun.WAIT);
            if (f == null || f.opcode() != TEXT) {
                r.downgrade(Verdict.NON_STRICT, "the Close was processed before the message was echoed: " + f);
                if (f != null && f.opcode() == CLOSE) {
                    return;
                }
            }
            r.expectFailure(List.of(1000));
        }));
        cases.add(AutobahnCase.of("7.3.1", r -> {
            r.send(client(true, CLOSE, new byte[0]));
            r.expectFailure(List.of(1000));
        }));
        cases.add(AutobahnCase.of("7.3.2", r -> {
            r.send(client(true, CLOSE, new byte[] {0x03}));
            r.expectFailure(PROTOCOL);
        }));
        cases.add(AutobahnCase.of("7.3.3", r -> {
            r.send(client(true, CLOSE, closePayload(1000, "")));
            r.expectFailure(List.of(1000));
        }));
        cases.add(AutobahnCase.of("7.3.4", r -> {
            r.send(client(true, CLOSE, closePayload(1000, "Hello World!")));
            r.expectFailure(List.of(1000));
        }));
        cases.add(AutobahnCase.of("7.3.5", r -> {
            r.send(client(true, CLOSE, closePayload(1000, "*".repeat(123))));
            r.expectFailure(List.of(1000));
        }));
        cases.add(AutobahnCase.of("7.3.6", r -> {
            r.send(client(true, CLOSE, closePayload(1000, "*".repeat(124))));
            r.expectFailure(PROTOCOL);
        }));
        cases.add(AutobahnCase.of("7.5.1", r -> {
            r.send(client(true, CLOSE, Frames.concat(hex("03e8"), hex("cebae1bdb9cf83cebcceb5eda080656469746564"))));
            r.expectFailure(List.of(1002, 1007));
        }));
        int[] valid = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999};
        for (int i = 0; i < valid.length; i++) {
            int code = valid[i];
            cases.add(AutobahnCase.of("7.7." + (i + 1), r -> {
                r.send(client(true, CLOSE, closePayload(code, "")));
                r.expectFailure(List.of(1000, code));
            }));
        }
        int[] invalidCodes = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999};
        for (int i = 0; i < invalidCodes.length; i++) {
            int code = invalidCodes[i];
            cases.add(AutobahnCase.of("7.9." + (i + 1), r -> {
                r.send(client(true, CLOSE, closePayload(code, "")));
                r.expectFailure(PROTOCOL);
            }));
        }
        for (int i = 0; i < 2; i++) {
            int code = i == 0 ? 5000 : 65535;
            cases.add(AutobahnCase.of("7.13." + (i + 1), r -> {
                r.send(client(true, CLOSE, closePayload(code, "")));
                r.expectFailure(PROTOCOL); // "actual events are undefined by the spec": we expect 1002 (not a valid code)
            }));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
