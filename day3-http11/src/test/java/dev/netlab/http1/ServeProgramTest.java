package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.http1.app.Router;
import dev.netlab.http1.app.TodoApi;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.StubProbe;
import dev.netlab.kit.launch.ProgramProcess;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Checkpoint(id = "3.14", title = "The serve program: the server contract, the site and the API, curl keep-alive",
        edit = {"dev/netlab/http1/server/HttpConnection.java", "dev/netlab/http1/app/StaticFiles.java", "dev/netlab/http1/app/TodoApi.java"},
        hint = "./lab run day3-http11 starts it; all earlier checkpoints must pass; it prints READY, serves / and /todos, and exits 0 on SIGTERM",
        readme = "#the-serve-program")
class ServeProgramTest {
    @Test
    @DisplayName("READY on port 0, curl -v URL URL reuses the connection, /todos answers JSON, SIGTERM exits 0")
    void serve() throws Exception {
        Require.tool("curl");
        // a stub fails here at once, not after the program's JVM started: what serve reaches first
        StubProbe.failIfStub(Duration.ofSeconds(5), () -> new TodoApi().register(new Router()));
        try (ProgramProcess program = ProgramProcess.start("serve", "--port", "0")) {
            String url = program.awaitReady(Duration.ofSeconds(30));
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/");
            Peer curl = Peer.require("curl");
            Evidence.current().reproduce("./lab run day3-http11 -- --port 8080   then   " + curl.commandLine("-v", "http://127.0.0.1:8080/", "http://127.0.0.1:8080/"));

            Peer.PeerResult twice = curl.run(Duration.ofSeconds(20), "-sv", "-o", "/dev/null", "-o", "/dev/null", url, url).assertSuccess();
            assertThat(twice.stderr()).contains("< HTTP/1.1 200 OK").contains("Re-using existing connection");
            assertThat(twice.stderr().split("< HTTP/1.1 200 OK", -1)).as("two 200 responses").hasSize(3);

            Peer.PeerResult index = curl.run(Duration.ofSeconds(20), "-s", url).assertSuccess();
            assertThat(index.stdout()).contains("<html").contains("/assets/");
            Peer.PeerResult css = curl.run(Duration.ofSeconds(20), "-s", "-o", "/dev/null", "-w", "%{http_code} %{content_type}", url + "assets/style.css").assertSuccess();
            assertThat(css.stdout()).startsWith("200 text/css");

            Peer.PeerResult created = curl.run(Duration.ofSeconds(20), "-s", "-w", "\n%{http_code}", "-H", "Content-Type: application/json",
                    "-d", "{\"title\":\"from curl\"}", url + "todos").assertSuccess();
            assertThat(created.stdout()).contains("\"title\":\"from curl\"").endsWith("\n201");
            Peer.PeerResult list = curl.run(Duration.ofSeconds(20), "-s", url + "todos").assertSuccess();
            assertThat(list.stdout()).startsWith("[").contains("from curl");

            int exit = program.stop(Duration.ofSeconds(5));
            assertThat(exit).as("exit code after SIGTERM (output: %s)", program.output()).isZero();
            assertThat(program.output().stream().filter(l -> l.startsWith("READY ")).count()).as("exactly one READY line").isEqualTo(1);
        }
    }
}
