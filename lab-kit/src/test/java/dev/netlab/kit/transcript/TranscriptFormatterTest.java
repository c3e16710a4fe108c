package dev.netlab.kit.transcript;

import static dev.netlab.kit.transcript.Transcript.Direction.CLIENT_TO_SERVER;
import static dev.netlab.kit.transcript.Transcript.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.transcript.Transcript.Direction;
import dev.netlab.kit.transcript.Transcript.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TranscriptFormatterTest {
    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

    private static Transcript tcp(String name) {
        return new Transcript(name, Transport.TCP,
                new InetSocketAddress("127.0.0.1", 40001), new InetSocketAddress("127.0.0.1", 8080));
    }

    private static void send(Transcript t, Direction d, long millis, byte[] bytes) {
        t.record(d, T0.plusMillis(millis), bytes, 0, bytes.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("a CRLF request and its response: one indented line per input line, \\r \\n visible")
    void crlfExchange() {
        Transcript t = tcp("http-get");
        send(t, CLIENT_TO_SERVER, 0, ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
        send(t, SERVER_TO_CLIENT, 12, ascii("HTTP/1.1 204 No Content\r\n\r\n"));
        t.closed(SERVER_TO_CLIENT, T0.plusMillis(15));
        t.reproduceWith("curl -v http://127.0.0.1:8080/");

        assertThat(TranscriptFormatter.format(t)).isEqualTo("""
                transcript http-get: TCP 127.0.0.1:40001 → 127.0.0.1:8080
                → client → server  27 bytes  +0.000 s
                    GET / HTTP/1.1\\r\\n
                    Host: a\\r\\n
                    \\r\\n
                ← server → client  27 bytes  +0.012 s
                    HTTP/1.1 204 No Content\\r\\n
                    \\r\\n
                ← server → client  closed  +0.015 s
                reproduce by hand: curl -v http://127.0.0.1:8080/
                """);
    }

    @Test
    @DisplayName("bytes that are not printable ASCII are \\xHH, a backslash is doubled, a tab is \\t")
    void escapes() {
        Transcript t = tcp("escapes");
        send(t, CLIENT_TO_SERVER, 0, ascii("a\tb\\c\u00e9d\n"));

        assertThat(TranscriptFormatter.format(t)).endsWith("""
                → client → server  8 bytes  +0.000 s
                    a\\tb\\\\c\\xe9d\\n
                """);
    }

    @Test
    @DisplayName("a mostly binary chunk is shown as a hex dump with offsets and an ASCII column")
    void binaryChunk() {
        Transcript t = tcp("tls");
        send(t, CLIENT_TO_SERVER, 0, HexFormat.of().parseHex("160301002a0100002603030001020304050607084142434445464748"));

        assertThat(TranscriptFormatter.format(t)).isEqualTo("""
                transcript tls: TCP 127.0.0.1:40001 → 127.0.0.1:8080
                → client → server  28 bytes  +0.000 s
                    00000000  16 03 01 00 2a 01 00 00  26 03 03 00 01 02 03 04  |....*...&.......|
                    00000010  05 06 07 08 41 42 43 44  45 46 47 48              |....ABCDEFGH|
                """);
    }

    @Test
    @DisplayName("the caret sits under the escaped \\r of a bare CR")
    void caretUnderEscapedCr() {
        Transcript t = tcp("bare-cr");
        send(t, CLIENT_TO_SERVER, 0, ascii("GET / HTTP/1.1\rHost: a\r\n\r\n"));
        t.markOffending(CLIENT_TO_SERVER, 14, "CR not followed by LF");

        assertThat(TranscriptFormatter.format(t)).isEqualTo("""
                transcript bare-cr: TCP 127.0.0.1:40001 → 127.0.0.1:8080
                → client → server  26 bytes  +0.000 s
                    GET / HTTP/1.1\\rHost: a\\r\\n
                                  ^
                    \\r\\n
                first offending byte: client → server offset 14 (CR not followed by LF)
                """);
    }

    @Test
    @DisplayName("the caret accounts for escapes before it on the line and for earlier chunks that way")
    void caretAfterSeveralEscapes() {
        Transcript t = tcp("escapes-before");
        send(t, CLIENT_TO_SERVER, 0, ascii("GET / HTTP/1.1\r\n"));
        send(t, SERVER_TO_CLIENT, 1, ascii("HTTP/1.1 100 Continue\r\n\r\n"));
        // offset 16 + 4 = byte 'X' after \t, \x00, \\ and \x7f (12 columns of escapes)
        send(t, CLIENT_TO_SERVER, 2, ascii("\t\u0000\\\u007fX: y\r\n"));
        t.markOffending(CLIENT_TO_SERVER, 20, "control characters in a field name");

        assertThat(TranscriptFormatter.format(t)).isEqualTo("""
                transcript escapes-before: TCP 127.0.0.1:40001 → 127.0.0.1:8080
                → client → server  16 bytes  +0.000 s
                    GET / HTTP/1.1\\r\\n
                ← server → client  25 bytes  +0.001 s
                    HTTP/1.1 100 Continue\\r\\n
                    \\r\\n
                → client → server  10 bytes  +0.002 s
                    \\t\\x00\\\\\\x7fX: y\\r\\n
                                ^
                first offending byte: client → server offset 20 (control characters in a field name)
                """);
    }

    @Test
    @DisplayName("an offense one past the last byte puts the caret where the missing byte would be")
    void caretAtEnd() {
        Transcript t = tcp("short");
        send(t, SERVER_TO_CLIENT, 0, ascii("HTTP/1.1 200 OK\r\n"));
        t.closed(SERVER_TO_CLIENT, T0.plusMillis(3));
        t.markOffending(SERVER_TO_CLIENT, 17, "connection closed inside the header section");

        assertThat(TranscriptFormatter.format(t)).contains("""
                    HTTP/1.1 200 OK\\r\\n
                                       ^
                first offending byte: server → client offset 17 (connection closed inside the header section)
                ← server → client  closed  +0.003 s
                """);
    }

    @Test
    @DisplayName("long transcripts are cut per direction with a count of what was left out")
    void truncation() {
        Transcript t = tcp("long");
        send(t, CLIENT_TO_SERVER, 0, ascii("POST / HTTP/1.1\r\n"));
        send(t, CLIENT_TO_SERVER, 1, ascii("0123456789"));
        send(t, SERVER_TO_CLIENT, 2, ascii("HTTP/1.1 413\r\n"));
        send(t, CLIENT_TO_SERVER, 3, ascii("abcdefghij"));
        t.markOffending(CLIENT_TO_SERVER, 30, "body too large");

        assertThat(TranscriptFormatter.format(t, 20)).isEqualTo("""
                transcript long: TCP 127.0.0.1:40001 → 127.0.0.1:8080
                → client → server  17 bytes  +0.000 s
                    POST / HTTP/1.1\\r\\n
                → client → server  10 bytes  +0.001 s
                    012
                    ... 17 more bytes client → server not shown
                ← server → client  14 bytes  +0.002 s
                    HTTP/1.1 413\\r\\n
                first offending byte: client → server offset 30 (body too large) (not shown above)
                """);
    }

    @Test
    @DisplayName("the caret in a hex dump sits under the offending byte's hex pair")
    void caretInHexDump() {
        Transcript t = tcp("tls-bad");
        send(t, CLIENT_TO_SERVER, 0, HexFormat.of().parseHex("16030100ff01000026030300010203040506070809"));
        t.markOffending(CLIENT_TO_SERVER, 17, "unexpected byte");

        assertThat(TranscriptFormatter.format(t)).endsWith("""
                    00000010  05 06 07 08 09                                    |.....|
                                 ^
                first offending byte: client → server offset 17 (unexpected byte)
                """);
    }

    @Test
    @DisplayName("a UDP transcript with an IPv6 server and no bytes")
    void emptyUdp() {
        Transcript t = new Transcript("quiet", Transport.UDP,
                new InetSocketAddress("::1", 5000), new InetSocketAddress("::1", 53));

        assertThat(TranscriptFormatter.format(t)).isEqualTo("""
                transcript quiet: UDP [0:0:0:0:0:0:0:1]:5000 → [0:0:0:0:0:0:0:1]:53
                    (no bytes exchanged)
                """);
    }
}
