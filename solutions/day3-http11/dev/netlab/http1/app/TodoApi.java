package dev.netlab.http1.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.http1.Request;
import dev.netlab.http1.Response;
import dev.netlab.http1.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The to-do JSON API on a {@link Router}:
 *
 * <pre>
 *   GET    /todos        200 [todo...]            (?done=true|false filters)
 *   POST   /todos        201 todo, Location: /todos/{id}
 *   GET    /todos/{id}   200 todo | 404
 *   PUT    /todos/{id}   200 todo | 404           (replaces title and done)
 *   DELETE /todos/{id}   204 | 404
 * </pre>
 *
 * Bodies are {@code application/json}; an invalid one is 400 as problem details
 * (RFC 9457) listing each invalid member; another media type is 415. The store is a
 * {@link ConcurrentHashMap} with an atomic id counter: requests on many connections at
 * once never lose an update or hand out an id twice.
 */
public final class TodoApi {
    public static final int MAX_TITLE = 200;
    public static final int MAX_TODOS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentMap<Long, Todo> store = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Adds the routes under {@code /todos} to {@code router}. */
    public Router register(Router router) {
        return router
                .route("GET", "/todos", this::list)
                .route("POST", "/todos", this::create)
                .route("GET", "/todos/{id}", this::get)
                .route("PUT", "/todos/{id}", this::replace)
                .route("DELETE", "/todos/{id}", this::delete);
    }

    private Response list(Request request, RouteParams params) {
        String done = params.query("done").orElse(null);
        List<Todo> all = new ArrayList<>(store.values());
        all.sort(Comparator.comparingLong(Todo::id));
        if (done != null) {
            boolean wanted = Boolean.parseBoolean(done);
            all.removeIf(t -> t.done() != wanted);
        }
        return json(Status.OK, all);
    }

    private Response create(Request request, RouteParams params) {
        Object input = validate(request);
        if (input instanceof Response problem) {
            return problem;
        }
        if (store.size() >= MAX_TODOS) {
            return Problem.response(Status.SERVICE_UNAVAILABLE, "the list is full (" + MAX_TODOS + " to-dos)");
        }
        Todo in = (Todo) input;
        long id = ids.incrementAndGet();
        Todo todo = new Todo(id, in.title(), in.done());
        store.put(id, todo);
        // RFC 9110 §15.3.2: 201 Created; "the primary resource created ... is identified by
        // either a Location header field in the response or, if no Location header field is
        // received, by the target URI".
        return json(Status.CREATED, todo).header("Location", "/todos/" + id);
    }

    private Response get(Request request, RouteParams params) {
        Long id = id(params);
        Todo todo = id == null ? null : store.get(id);
        return todo == null ? notFound(params) : json(Status.OK, todo);
    }

    private Response replace(Request request, RouteParams params) {
        Long id = id(params);
        if (id == null || !store.containsKey(id)) {
            return notFound(params);
        }
        Object input = validate(request);
        if (input instanceof Response problem) {
            return problem;
        }
        Todo in = (Todo) input;
        Todo updated = store.computeIfPresent(id, (k, old) -> new Todo(k, in.title(), in.done()));
        return updated == null ? notFound(params) : json(Status.OK, updated);
    }

    private Response delete(Request request, RouteParams params) {
        Long id = id(params);
        return id != null && store.remove(id) != null ? Response.of(Status.NO_CONTENT) : notFound(params);
    }

    /** The body as a Todo (id 0), or a problem response. */
    private static Object validate(Request request) {
        String type = request.headers().first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.startsWith("application/json;")) {
            return Problem.response(Status.UNSUPPORTED_MEDIA_TYPE, "send the to-do as application/json");
        }
        JsonNode node;
        try {
            node = JSON.readTree(request.body());
        } catch (java.io.IOException e) {
            return Problem.response(Status.BAD_REQUEST, "the body is not JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            return Problem.response(Status.BAD_REQUEST, "the body must be a JSON object");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        JsonNode title = node.get("title");
        if (title == null || !title.isTextual()) {
            errors.add(new Problem.FieldError("title", "is required and must be a string"));
        } else if (title.asText().isBlank()) {
            errors.add(new Problem.FieldError("title", "must not be blank"));
        } else if (title.asText().length() > MAX_TITLE) {
            errors.add(new Problem.FieldError("title", "must be at most " + MAX_TITLE + " characters"));
        }
        JsonNode done = node.get("done");
        if (done != null && !done.isBoolean()) {
            errors.add(new Problem.FieldError("done", "must be true or false"));
        }
        if (!errors.isEmpty()) {
            return Problem.response(Status.BAD_REQUEST, "the to-do is invalid", errors);
        }
        return new Todo(0, title.asText().strip(), done != null && done.asBoolean());
    }

    private static Long id(RouteParams params) {
        try {
            return Long.parseLong(params.path("id"));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Response notFound(RouteParams params) {
        return Problem.response(Status.NOT_FOUND, "no to-do " + params.path("id"));
    }

    private static Response json(Status status, Object value) {
        try {
            return Response.of(status).body("application/json", JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }
}
