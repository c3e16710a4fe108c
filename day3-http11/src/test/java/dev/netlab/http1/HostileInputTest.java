package dev.netlab.http1;

import static dev.netlab.http1.TestServer.expectStatus;
import static dev.netlab.http1.TestServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.transcript.RecordingSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Checkpoint(id = "3.17", title = "Hostile input over the wire: smuggling, oversize, floods",
        edit = "dev/netlab/http1/server/HttpConnection.java",
        hint = "a parser error is one response with its status and Connection: close, then the close; nothing after it is read; others keep being served",
        readme = "#hostile-input")
class HostileInputTest {
    @ParameterizedTest(name = "{0} → {1}")
    @DisplayName("smuggling and malformed framing: one answer with its status, Connection: close, nothing more")
    @CsvSource(delimiter = '|', value = {
            "CL.TE|400|POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 6\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\nGET /admin HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n",
            "TE.CL|400|POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\nContent-Length: 3\\r\\n\\r\\n8\\r\\nGET /adm\\r\\n0\\r\\n\\r\\n",
            "TE obfuscated: xchunked|400|POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: xchunked\\r\\n\\r\\n0\\r\\n\\r\\nGET /admin HTTP/1.1\\r\\n\\r\\n",
            "TE twice|400|POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n",
            "Transfer_Encoding|400|POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer_Encoding: chunked\\r\\nContent-Length: 5\\r\\n\\r\\n0\\r\\n\\r\\n",
            "bare LF in a field|400|GET / HTTP/1.1\\r\\nHost: x\\nX: y\\r\\n\\r\\n",
            "NUL in a value|400|GET / HTTP/1.1\\r\\nHost: x\\u0000y\\r\\n\\r\\n",
            "space in a name|400|GET / HTTP/1.1\\r\\nHost: x\\r\\nX Y: z\\r\\n\\r\\n",
            "huge chunk size|413|POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nFFFFFFFFFFFFFFFFFFFF\\r\\n",
            "Content-Length over 64 bits|400|POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 99999999999999999999999\\r\\n\\r\\n",
    })
    void smuggling(String name, int status, String request) throws IOException {
        String raw = request.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\0");
        try (TestServer server = TestServer.start(TestServer.echo());
             RecordingSocket s = server.connect(name)) {
            Evidence.current().reproduce("printf '" + request + "' | nc -q 2 127.0.0.1 " + server.port());
            HttpResponses.Reader in = server.reader(s);
            send(s, raw);
            HttpResponses.Parsed r = expectStatus(s, in.read(), status);
            assertThat(r.closes()).as("Connection: close on a framing error").isTrue();
            assertThat(in.atEof()).as("the connection closes after the one answer: nothing smuggled is answered").isTrue();
        }
    }

    @Test
    @DisplayName("a gzip bomb (a few KB inflating past the body limit) is 413; a body that is not gzip is 400")
    void gzipBomb() throws IOException {
        byte[] bomb = Wire.gzip(new byte[4 * 1024 * 1024]); // 4 MiB of zeros: about 4 KiB of gzip
        assertThat(bomb.length).isLessThan(16 * 1024);
        try (TestServer server = TestServer.start(TestServer.echo())) {
            try (RecordingSocket s = server.connect("gzip-bomb")) {
                Evidence.current().reproduce("head -c 4M /dev/zero | gzip | curl -v -H 'Transfer-Encoding: gzip, chunked' "
                        + "--data-binary @- " + server.url("/"));
                s.out().write(Wire.chunkedPost("/", "gzip, chunked", bomb));
                s.out().flush();
                expectStatus(s, server.reader(s).read(), 413);
            }
            try (RecordingSocket s = server.connect("not-gzip")) {
                s.out().write(Wire.chunkedPost("/", "gzip, chunked", Wire.bytes("plain text, not gzip")));
                s.out().flush();
                expectStatus(s, server.reader(s).read(), 400);
            }
        }
    }

    @Test
    @DisplayName("a 100 KB header section is refused with 431 without reading it all")
    void enormousHeader() throws Exception {
        try (TestServer server = TestServer.start(TestServer.echo());
             RecordingSocket s = server.connect("enormous-header")) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    send(s, "GET / HTTP/1.1\r\nHost: x\r\n");
                    for (int i = 0; i < 1000; i++) {
                        send(s, "X-Filler-" + i + ": " + "a".repeat(90) + "\r\n");
                    }
                } catch (IOException e) {
                    // the server closed: expected
                }
            });
            HttpResponses.Parsed r = expectStatus(s, server.reader(s).read(), 431);
            assertThat(r.closes()).isTrue();
            writer.join(5000);
        }
    }

    @Test
    @DisplayName("200 idle connections and 20 slowloris clients do not stop a normal client from being served")
    void floods() throws Exception {
        Limits limits = Limits.defaults().withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(10));
        List<Socket> flood = new ArrayList<>();
        try (TestServer server = TestServer.start(TestServer.echo(), limits)) {
            try {
                for (int i = 0; i < 220; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
                    s.setSoTimeout(5000);
                    if (i < 20) {
                        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                    }
                    flood.add(s);
                }
                long start = System.nanoTime();
                try (RecordingSocket s = server.connect("normal-client")) {
                    send(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertThat(expectStatus(s, server.reader(s).read(), 200).bodyText()).isEqualTo("GET /hello ");
                }
                assertThat((System.nanoTime() - start) / 1_000_000).as("ms to serve the normal client").isLessThan(2000);
                // The slowloris clients get their 408 once the header deadline passes.
                byte[] answer = flood.get(0).getInputStream().readNBytes(12);
                assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 408");
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
        }
    }
}
