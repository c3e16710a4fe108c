package dev.netlab.transport.kv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.kit.transcript.RecordingSocket;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 2.07: a key-value protocol over length-prefixed frames, the store alone and over TCP.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 11 mutants, 11 killed, no new row needed): SET splitting key and value at the last
 * space; an absent key answered as an empty value; commands matched case-insensitively; an empty
 * key accepted by SET; extra arguments accepted by GET; one frame decoded per read (pipelined
 * requests left waiting); answers not flushed after each read; a new decoder per read (a frame
 * split across reads lost); a too-long frame closed without its {@code -ERR} answer, or the
 * connection kept open after it; the frame limit not enforced (a 1 GiB declaration allocated).
 */
@Checkpoint(id = "2.07", title = "A key-value protocol over frames (pipelining, errors as frames)",
        edit = {"dev/netlab/transport/kv/KvStore.java", "dev/netlab/transport/kv/KvServer.java"},
        hint = "decode every frame a read completes, answer each in order, flush once per read; errors are -ERR frames",
        readme = "#a-key-value-protocol")
class KvServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private KvStore store;
    private KvServer server;

    @BeforeEach
    void start() throws IOException {
        store = new KvStore();
        server = new KvServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), store);
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofMillis(500));
        }
    }

    private static byte[] frame(String payload) {
        byte[] p = payload.getBytes(UTF_8);
        return ByteBuffer.allocate(4 + p.length).putInt(p.length).put(p).array();
    }

    private static String readFrame(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int length = data.readInt();
        assertThat(length).as("response frame length").isBetween(0, KvServer.MAX_FRAME);
        return new String(data.readNBytes(length), UTF_8);
    }

    private String execute(String request) {
        return new String(store.execute(request.getBytes(UTF_8)), UTF_8);
    }

    @Test
    @DisplayName("the store: PING, SET, GET, DEL and their answers, without a socket")
    void commands() {
        assertThat(execute("PING")).isEqualTo("+PONG");
        assertThat(execute("GET k")).as("absent key").isEqualTo("_");
        assertThat(execute("SET k hello world")).isEqualTo("+OK");
        assertThat(execute("GET k")).as("the value keeps its spaces").isEqualTo("$hello world");
        assertThat(execute("SET empty ")).as("an empty value is a value").isEqualTo("+OK");
        assertThat(execute("GET empty")).isEqualTo("$");
        assertThat(execute("SET ключ значение")).as("UTF-8").isEqualTo("+OK");
        assertThat(execute("GET ключ")).isEqualTo("$значение");
        assertThat(execute("DEL k")).isEqualTo(":1");
        assertThat(execute("DEL k")).isEqualTo(":0");
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    @DisplayName("the store: errors are answers (unknown command, wrong arguments, empty request)")
    void errors() {
        assertThat(execute("FLY me")).startsWith("-ERR unknown command");
        assertThat(execute("get k")).as("commands are upper case").startsWith("-ERR unknown command");
        assertThat(execute("GET")).startsWith("-ERR wrong number of arguments");
        assertThat(execute("GET a b")).startsWith("-ERR wrong number of arguments");
        assertThat(execute("SET k")).startsWith("-ERR wrong number of arguments");
        assertThat(execute("SET  v")).as("empty key").startsWith("-ERR wrong number of arguments");
        assertThat(execute("DEL")).startsWith("-ERR wrong number of arguments");
        assertThat(execute("PING x")).startsWith("-ERR wrong number of arguments");
        assertThat(execute("")).startsWith("-ERR");
    }

    @Test
    @DisplayName("over TCP: SET then GET then DEL, one frame each way per request")
    void overTcp() throws IOException {
        try (RecordingSocket c = RecordingSocket.connect("kv", server.address(), TIMEOUT)) {
            c.out().write(frame("SET greeting hi"));
            assertThat(readFrame(c.in())).isEqualTo("+OK");
            c.out().write(frame("GET greeting"));
            assertThat(readFrame(c.in())).isEqualTo("$hi");
            c.out().write(frame("NOPE"));
            assertThat(readFrame(c.in())).as("an error is a frame; the connection stays").startsWith("-ERR unknown command");
            c.out().write(frame("DEL greeting"));
            assertThat(readFrame(c.in())).isEqualTo(":1");
        }
    }

    @Test
    @DisplayName("pipelining: 500 requests in one write are answered in order")
    void pipelining() throws IOException {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < 250; i++) {
            batch.writeBytes(frame("SET k" + i + " v" + i));
            batch.writeBytes(frame("GET k" + i));
        }
        try (RecordingSocket c = RecordingSocket.connect("pipelined", server.address(), TIMEOUT)) {
            c.out().write(batch.toByteArray());
            for (int i = 0; i < 250; i++) {
                assertThat(readFrame(c.in())).as("answer to SET k" + i).isEqualTo("+OK");
                assertThat(readFrame(c.in())).as("answer to GET k" + i).isEqualTo("$v" + i);
            }
            c.shutdownOutput();
            assertThat(c.in().read()).as("the server closes after the client's FIN").isEqualTo(-1);
        }
    }

    @Test
    @DisplayName("a request split into single bytes is still one request")
    void byteAtATime() throws Exception {
        byte[] request = frame("PING");
        try (RecordingSocket c = RecordingSocket.connect("byte at a time", server.address(), TIMEOUT)) {
            c.socket().setTcpNoDelay(true);
            for (byte b : request) {
                c.out().write(b);
                c.out().flush();
                Thread.sleep(5);
            }
            assertThat(readFrame(c.in())).isEqualTo("+PONG");
        }
    }

    @Test
    @DisplayName("a frame declaring 1 GiB: answered -ERR frame too long at once, then closed; others unaffected")
    void tooLong() throws IOException {
        try (RecordingSocket bad = RecordingSocket.connect("too long", server.address(), TIMEOUT)) {
            bad.out().write(HexFormat.of().parseHex("40000000")); // length 2^30, no payload follows
            assertThat(readFrame(bad.in())).isEqualTo("-ERR frame too long");
            assertThat(bad.in().read()).as("the connection is closed: the stream is out of sync").isEqualTo(-1);
        }
        try (RecordingSocket c = RecordingSocket.connect("after", server.address(), TIMEOUT)) {
            c.out().write(frame("PING"));
            assertThat(readFrame(c.in())).isEqualTo("+PONG");
        }
    }

    @Test
    @DisplayName("a client that sends half a frame and vanishes (reset) does not disturb the others")
    void halfFrameThenReset() throws IOException {
        try (Socket rude = new Socket()) {
            rude.connect(server.address(), 5000);
            rude.getOutputStream().write(HexFormat.of().parseHex("0000000a5345"));
            rude.setSoLinger(true, 0);
        }
        try (RecordingSocket c = RecordingSocket.connect("after a reset", server.address(), TIMEOUT)) {
            c.out().write(frame("PING"));
            assertThat(readFrame(c.in())).isEqualTo("+PONG");
        }
    }

    @Test
    @DisplayName("16 clients at once, 200 SETs each: every key is there afterwards")
    void concurrentClients() throws Exception {
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            int client = c;
            clients.add(CompletableFuture.runAsync(() -> {
                try (Socket s = new Socket()) {
                    s.connect(server.address(), 5000);
                    s.setSoTimeout(5000);
                    ByteArrayOutputStream batch = new ByteArrayOutputStream();
                    for (int i = 0; i < 200; i++) {
                        batch.writeBytes(frame("SET c" + client + "-" + i + " " + i));
                        batch.writeBytes(frame("SET shared " + client));
                    }
                    s.getOutputStream().write(batch.toByteArray());
                    for (int i = 0; i < 400; i++) {
                        assertThat(readFrame(s.getInputStream())).isEqualTo("+OK");
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofVirtual().start(r)));
        }
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(store.size()).isEqualTo(16 * 200 + 1);
        assertThat(execute("GET c7-123")).isEqualTo("$123");
        assertThat(execute("GET shared")).matches("\\$([0-9]|1[0-5])");
    }

    @Test
    @DisplayName("the kv program and a real peer: printf '\\0\\0\\0\\4PING' | nc -q1 prints the frame +PONG")
    void programWithNetcat() throws Exception {
        Require.tool("nc");
        server.stop(Duration.ZERO);
        server = null;
        try (ProgramProcess p = ProgramProcess.start("kv", "--port", "0")) {
            int port = URI.create(p.awaitReady(Duration.ofSeconds(20))).getPort();
            Evidence.current().reproduce("printf '\\0\\0\\0\\4PING' | nc -q1 127.0.0.1 " + port + " | od -c");
            Peer.PeerResult r = Peer.require("nc").run(Duration.ofSeconds(10), frame("PING"), "-q1", "127.0.0.1", "" + port);
            r.assertSuccess();
            assertThat(r.stdout()).isEqualTo("\0\0\0\5+PONG");
            assertThat(p.stop(Duration.ofSeconds(4))).as("exit status after SIGTERM: a graceful stop ends with 0").isZero();
        }
    }
}
