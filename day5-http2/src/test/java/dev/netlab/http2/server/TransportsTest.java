package dev.netlab.http2.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.tls.DevCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One handler, three ways to HTTP/2 (RFC 9113 §3) and HTTP/1.1 as the fallback, with the JDK's
 * own HttpClient (an independent implementation) on the other end. Mistakes it catches: the
 * upgraded request (stream 1, half-closed remote) never answered; HTTP2-Settings ignored; the
 * server's SETTINGS not its first frame after 101; ALPN not offering h2; a TLS client without
 * h2 refused instead of served over HTTP/1.1.
 */
@Checkpoint(id = "5.17", title = "Transports: h2c by prior knowledge and by Upgrade, h2 over TLS with ALPN, HTTP/1.1 fallback",
        edit = "dev/netlab/http2/server/Http2Connection.java",
        hint = "serveUpgraded: stream 1 starts half-closed (remote) with the HTTP/1.1 request; apply HTTP2-Settings as the peer's settings; then the client preface follows",
        readme = "#three-ways-to-http2")
class TransportsTest {
    private static final Handler HANDLER = r -> Response.text(200, r.version() + " " + r.method() + " " + r.path() + " " + r.bodyText());

    @Test
    @DisplayName("h2c by Upgrade: the JDK HttpClient's GET and POST are answered over HTTP/2 (101, then stream 1)")
    void upgrade() throws Exception {
        try (TestServer server = TestServer.start(HANDLER, ServerSettings.defaults());
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build()) {
            Evidence.current().reproduce("curl -v --http2 " + server.url("/"));
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(server.url("/up"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(get.body()).isEqualTo("HTTP/2 GET /up ");
            HttpResponse<String> again = client.send(HttpRequest.newBuilder(URI.create(server.url("/again")))
                    .POST(HttpRequest.BodyPublishers.ofString("body")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(again.body()).isEqualTo("HTTP/2 POST /again body");
        }
    }

    @Test
    @DisplayName("h2 over TLS: ALPN picks h2 for the JDK HttpClient; a client offering only http/1.1 is served HTTP/1.1")
    void tls() throws Exception {
        DevCertificates certs = DevCertificates.standard();
        try (TestServer server = TestServer.start(HANDLER, ServerSettings.defaults(), certs.serverContext());
             HttpClient h2 = HttpClient.newBuilder().sslContext(certs.clientContext()).version(HttpClient.Version.HTTP_2).build();
             HttpClient h1 = HttpClient.newBuilder().sslContext(certs.clientContext()).version(HttpClient.Version.HTTP_1_1).build()) {
            String url = "https://localhost:" + server.port() + "/secure";
            HttpResponse<String> r2 = h2.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r2.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(r2.body()).isEqualTo("HTTP/2 GET /secure ");
            HttpResponse<String> r1 = h1.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(r1.body()).isEqualTo("HTTP/1.1 GET /secure ");
        }
    }

    @Test
    @DisplayName("prior knowledge and plain HTTP/1.1 on the same port")
    void priorKnowledgeAndHttp1() throws Exception {
        try (TestServer server = TestServer.start(HANDLER, ServerSettings.defaults());
             H2Client c = H2Client.connect("5.17 prior knowledge", server.port()).handshake();
             HttpClient h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            c.get(1, "/pk");
            assertThat(c.answer(1).text()).isEqualTo("HTTP/2 GET /pk ");
            HttpResponse<String> r1 = h1.send(HttpRequest.newBuilder(URI.create(server.url("/h1"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(r1.body()).isEqualTo("HTTP/1.1 GET /h1 ");
        }
    }
}
