package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.netlab.http1.client.ClientResponse;
import dev.netlab.http1.client.Http1Client;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Checkpoint(id = "3.16", title = "A raw-socket HTTP/1.1 client with keep-alive",
        edit = "dev/netlab/http1/client/Http1Client.java",
        hint = "write request line, Host, fields, Content-Length; read status, fields, then the body by RFC 9112 §6.3; keep the socket unless Connection: close",
        readme = "#a-client-over-a-raw-socket")
class Http1ClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The JDK's own HTTP server as an independent peer (test scope only). */
    private static HttpServer jdkServer(ExecutorService executor) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/fixed", x -> {
            byte[] b = "fixed length".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(b);
            }
        });
        server.createContext("/chunked", x -> {
            x.sendResponseHeaders(200, 0); // 0: length unknown, chunked
            try (OutputStream o = x.getResponseBody()) {
                for (int i = 0; i < 3; i++) {
                    o.write(("part" + i + ";").getBytes(StandardCharsets.UTF_8));
                    o.flush();
                }
            }
        });
        server.createContext("/echo", x -> {
            byte[] in = x.getRequestBody().readAllBytes();
            byte[] out = (x.getRequestMethod() + " " + x.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(in, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, out.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(out);
            }
        });
        server.createContext("/moved", x -> {
            x.getResponseHeaders().add("Location", "/fixed");
            x.sendResponseHeaders(302, -1); // -1: no content
            x.close();
        });
        server.createContext("/empty", x -> {
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.start();
        return server;
    }

    @Test
    @DisplayName("against the JDK's HttpServer: Content-Length, chunked, POST, 204, a redirect not followed, one connection")
    void againstJdkServer() throws IOException {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        HttpServer server = jdkServer(executor);
        try (Http1Client client = new Http1Client(server.getAddress(), TIMEOUT)) {
            Evidence.current().reproduce("curl -v http://127.0.0.1:" + server.getAddress().getPort() + "/chunked");
            ClientResponse fixed = client.get("/fixed");
            assertThat(fixed.status()).isEqualTo(200);
            assertThat(fixed.bodyText()).isEqualTo("fixed length");
            ClientResponse chunked = client.get("/chunked");
            assertThat(chunked.headers().containsToken("Transfer-Encoding", "chunked")).isTrue();
            assertThat(chunked.bodyText()).isEqualTo("part0;part1;part2;");
            ClientResponse post = client.post("/echo", "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            assertThat(post.bodyText()).isEqualTo("POST application/json {\"a\":1}");
            ClientResponse empty = client.get("/empty");
            assertThat(empty.status()).isEqualTo(204);
            assertThat(empty.body()).isEmpty();
            ClientResponse moved = client.get("/moved");
            assertThat(moved.status()).as("redirects are returned, not followed").isEqualTo(302);
            assertThat(moved.headers().first("Location")).hasValue("/fixed");
            assertThat(client.get("/fixed").bodyText()).isEqualTo("fixed length");
            assertThat(client.connectionsOpened()).as("TCP connections for six requests with keep-alive").isEqualTo(1);
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Test
    @DisplayName("against the day's server: keep-alive reuse, HEAD without content, reconnect after Connection: close")
    void againstOwnServer() throws IOException {
        Handler handler = r -> Response.text(Status.OK, "hello " + r.method());
        try (TestServer server = TestServer.start(handler);
             Http1Client client = new Http1Client(server.server().address(), TIMEOUT)) {
            assertThat(client.get("/a").bodyText()).isEqualTo("hello GET");
            ClientResponse head = client.send("HEAD", "/a", new HeaderFields(), null);
            assertThat(head.headers().first("Content-Length")).as("\"hello HEAD\"").hasValue("10");
            assertThat(head.body()).isEmpty();
            assertThat(client.post("/a", "text/plain", new byte[] {1, 2}).bodyText()).isEqualTo("hello POST");
            assertThat(client.connectionsOpened()).isEqualTo(1);
            // The writer owns Connection: ask the server to close through the request instead.
            ClientResponse bye = client.send("GET", "/x", HeaderFields.of("Connection", "close"), null);
            assertThat(bye.headers().containsToken("Connection", "close")).isTrue();
            assertThat(client.get("/again").bodyText()).isEqualTo("hello GET");
            assertThat(client.connectionsOpened()).as("a new connection after the server closed").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("interim 100 responses are skipped; an HTTP/1.0 response without length ends at the close")
    void interimAndCloseDelimited() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(5000);
            Thread peer = Thread.ofVirtual().start(() -> {
                for (String answer : new String[] {
                        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
                        "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the close"}) {
                    try (Socket s = listener.accept()) {
                        s.setSoTimeout(5000);
                        readHead(s.getInputStream());
                        s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            try (Http1Client client = new Http1Client((InetSocketAddress) listener.getLocalSocketAddress(), TIMEOUT)) {
                ClientResponse first = client.get("/one");
                assertThat(first.status()).isEqualTo(200);
                assertThat(first.bodyText()).isEqualTo("ok");
                ClientResponse second = client.get("/two");
                assertThat(second.bodyText()).isEqualTo("until the close");
                assertThat(client.connectionsOpened()).isEqualTo(2);
            }
            peer.join(5000);
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                return;
            }
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
    }
}
