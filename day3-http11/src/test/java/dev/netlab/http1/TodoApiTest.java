package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.http1.app.Problem;
import dev.netlab.http1.app.Router;
import dev.netlab.http1.app.TodoApi;
import dev.netlab.kit.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Checkpoint(id = "3.13", title = "The to-do JSON API: CRUD, 201 + Location, problem details",
        edit = "dev/netlab/http1/app/TodoApi.java",
        hint = "routes on the Router; Jackson for JSON; POST is 201 with Location; invalid bodies are 400 application/problem+json listing each invalid member",
        readme = "#the-to-do-api")
class TodoApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Router router = new TodoApi().register(new Router());

    private Response call(Request r) {
        try {
            return router.handle(r);
        } catch (HttpException e) {
            return Response.text(e.status(), e.detail());
        }
    }

    private static JsonNode json(Response r) throws Exception {
        return JSON.readTree(Requests.text(r));
    }

    @Test
    @DisplayName("create (201 + Location), read, list, replace, delete (204), then 404")
    void crud() throws Exception {
        Response created = call(Requests.json("POST", "/todos", "{\"title\":\"buy milk\"}"));
        assertThat(created.status()).isEqualTo(Status.CREATED);
        assertThat(created.headers().first("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode todo = json(created);
        long id = todo.get("id").asLong();
        assertThat(todo.get("title").asText()).isEqualTo("buy milk");
        assertThat(todo.get("done").asBoolean()).isFalse();
        assertThat(created.headers().first("Location")).hasValue("/todos/" + id);

        assertThat(json(call(Requests.of("GET", "/todos/" + id))).get("title").asText()).isEqualTo("buy milk");
        call(Requests.json("POST", "/todos", "{\"title\":\"call mum\",\"done\":true}"));
        JsonNode list = json(call(Requests.of("GET", "/todos")));
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(json(call(Requests.of("GET", "/todos?done=true")))).hasSize(1);

        Response replaced = call(Requests.json("PUT", "/todos/" + id, "{\"title\":\"buy oat milk\",\"done\":true}"));
        assertThat(replaced.status()).isEqualTo(Status.OK);
        assertThat(json(replaced).get("done").asBoolean()).isTrue();
        assertThat(json(call(Requests.of("GET", "/todos/" + id))).get("title").asText()).isEqualTo("buy oat milk");

        assertThat(call(Requests.of("DELETE", "/todos/" + id)).status()).isEqualTo(Status.NO_CONTENT);
        assertThat(call(Requests.of("GET", "/todos/" + id)).status()).isEqualTo(Status.NOT_FOUND);
        assertThat(call(Requests.of("DELETE", "/todos/" + id)).status()).isEqualTo(Status.NOT_FOUND);
        assertThat(call(Requests.json("PUT", "/todos/999", "{\"title\":\"x\"}")).status()).isEqualTo(Status.NOT_FOUND);
        assertThat(call(Requests.of("GET", "/todos/abc")).status()).isEqualTo(Status.NOT_FOUND);
    }

    @Test
    @DisplayName("invalid to-dos are 400 problem details (RFC 9457) naming each invalid member")
    void validation() throws Exception {
        Response r = call(Requests.json("POST", "/todos", "{\"title\":\"   \",\"done\":\"yes\"}"));
        assertThat(r.status()).isEqualTo(Status.BAD_REQUEST);
        assertThat(r.headers().first("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));
        JsonNode p = json(r);
        assertThat(p.get("status").asInt()).isEqualTo(400);
        assertThat(p.get("title").asText()).isNotBlank();
        List<String> fields = new ArrayList<>();
        p.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("title", "done");

        assertThat(call(Requests.json("POST", "/todos", "{\"title\":\"" + "x".repeat(201) + "\"}")).status()).isEqualTo(Status.BAD_REQUEST);
        assertThat(call(Requests.json("POST", "/todos", "{}")).status()).isEqualTo(Status.BAD_REQUEST);
        assertThat(call(Requests.json("POST", "/todos", "[1,2]")).status()).isEqualTo(Status.BAD_REQUEST);
        Response broken = call(Requests.json("POST", "/todos", "{\"title\": "));
        assertThat(broken.status()).isEqualTo(Status.BAD_REQUEST);
        assertThat(broken.headers().first("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));
        Response text = call(Requests.of("POST", "/todos", "{\"title\":\"x\"}".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain"));
        assertThat(text.status()).isEqualTo(Status.UNSUPPORTED_MEDIA_TYPE);
        assertThat(json(call(Requests.of("GET", "/todos")))).as("nothing invalid was stored").isEmpty();
    }

    @Test
    @DisplayName("405 with Allow for a method the collection does not take")
    void methods() {
        Response r = call(Requests.of("DELETE", "/todos"));
        assertThat(r.status()).isEqualTo(Status.METHOD_NOT_ALLOWED);
        assertThat(r.headers().elements("Allow", false)).contains("GET", "POST");
    }

    @Test
    @DisplayName("the store is safe under concurrency: 8 threads x 250 creates give 2000 distinct ids")
    void concurrentCreates() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < 250; i++) {
                        Response r = call(Requests.json("POST", "/todos", "{\"title\":\"t" + thread + "-" + i + "\"}"));
                        ids.add(json(r).get("id").asLong());
                    }
                    return ids;
                }));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get());
            }
            assertThat(all).hasSize(2000);
            assertThat(json(call(Requests.of("GET", "/todos")))).hasSize(2000);
        } finally {
            pool.shutdownNow();
        }
    }
}
