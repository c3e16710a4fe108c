package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.http1.server.Http1Server;
import dev.netlab.http1.server.Server;
import dev.netlab.kit.transcript.Transcript;
import dev.netlab.kit.transcript.RecordingSocket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Test helper: the given {@link Http1Server} on 127.0.0.1, any free port, running the learner's
 * connection code. {@code -Dnetlab.http1.engine=loop} runs every test that uses it on the
 * {@link Server.Engine#LOOP} engine instead (same parser and writer, no thread per connection).
 */
public final class TestServer implements AutoCloseable {
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);

    private final Server server;

    private TestServer(Server server) {
        this.server = server;
    }

    public static TestServer start(Handler handler) throws IOException {
        return start(handler, Limits.defaults());
    }

    public static TestServer start(Handler handler, Limits limits) throws IOException {
        return start(handler, limits, engine());
    }

    public static TestServer start(Handler handler, Limits limits, Server.Engine engine) throws IOException {
        return new TestServer(Server.start(engine, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), handler, limits));
    }

    /** The engine of this run: {@code threads} unless {@code -Dnetlab.http1.engine} says otherwise. */
    public static Server.Engine engine() {
        return Server.Engine.named(System.getProperty("netlab.http1.engine", "threads"));
    }

    /** Answers every request with "METHOD path body" as text. */
    public static Handler echo() {
        return r -> Response.text(Status.OK, r.method() + " " + r.head().target().raw() + " " + r.bodyText());
    }

    public Server server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** A recording connection; its transcript joins the checkpoint's evidence. */
    public RecordingSocket connect(String name) throws IOException {
        return RecordingSocket.connect(name, server.address(), CLIENT_TIMEOUT);
    }

    /** A response reader on {@code s} that names the server's own failure when no response comes. */
    public HttpResponses.Reader reader(RecordingSocket s) {
        return new HttpResponses.Reader(s.in(), server::firstFailure);
    }

    public static void send(RecordingSocket s, String text) throws IOException {
        s.out().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.out().flush();
    }

    /** Asserts the status, pointing the transcript's caret at the status code when it differs. */
    public static HttpResponses.Parsed expectStatus(RecordingSocket s, HttpResponses.Parsed r, int code) {
        if (r.code() != code) {
            s.transcript().markOffending(Transcript.Direction.SERVER_TO_CLIENT, r.offset() + 9,
                    "expected status " + code + ", got " + r.statusLine());
        }
        assertThat(r.code()).as("status of the response starting at server octet %d: %s", r.offset(), r.statusLine())
                .isEqualTo(code);
        return r;
    }

    /** During a graceful stop: a new connection is refused (or accepted into the dying backlog and closed at once). */
    public void assertRefusesNewConnections() {
        assertThatThrownBy(() -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port())) {
                s.setSoTimeout(2000);
                // some kernels accept into a dying backlog: then the read sees the close
                if (s.getInputStream().read() < 0) {
                    throw new ConnectException("closed at once");
                }
            }
        }).as("a new connection is refused").isInstanceOf(IOException.class);
    }

    /**
     * The last answer of a draining connection: 200 with {@code body} and {@code Connection: close},
     * then the close; {@code stopper} (running {@code stopGracefully}) returns and nothing is left open.
     */
    public void assertLastAnswerThenStopped(RecordingSocket s, HttpResponses.Reader in, String body, Thread stopper)
            throws IOException, InterruptedException {
        HttpResponses.Parsed r = expectStatus(s, in.read(), 200);
        assertThat(r.bodyText()).isEqualTo(body);
        assertThat(r.closes()).as("the last response of a draining connection says Connection: close").isTrue();
        assertThat(in.atEof()).isTrue();
        stopper.join(Duration.ofSeconds(5));
        assertThat(stopper.isAlive()).as("stopGracefully returned").isFalse();
        assertThat(server.openConnections()).isZero();
    }

    @Override
    public void close() {
        server.close();
    }
}
