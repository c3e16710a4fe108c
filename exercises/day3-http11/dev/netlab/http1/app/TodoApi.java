package dev.netlab.http1.app;

import dev.netlab.kit.StubException;

/**
 * The to-do JSON API on a {@link Router}:
 *
 * <pre>
 *   GET    /todos        200 [todo...] sorted by id (?done=true|false filters)
 *   POST   /todos        201 todo, Location: /todos/{id}
 *   GET    /todos/{id}   200 todo | 404
 *   PUT    /todos/{id}   200 todo | 404           (replaces title and done)
 *   DELETE /todos/{id}   204 | 404
 * </pre>
 *
 * <p>Your job: register those routes and keep the to-dos ({@link Todo}) in a store that
 * many connections may use at once ({@code ConcurrentHashMap}, ids from an
 * {@code AtomicLong}). Bodies are JSON read and written with Jackson's {@code ObjectMapper}.
 * A request body must be {@code application/json} (else 415) holding an object with a
 * non-blank string {@code title} of at most {@link #MAX_TITLE} characters and an optional
 * boolean {@code done}; anything else is 400 as {@link Problem} details (RFC 9457) with one
 * {@code errors} entry per invalid member. An unknown id (or one that is not a number) is
 * 404, also as a problem. At most {@link #MAX_TODOS} to-dos: then 503.
 */
public final class TodoApi {
    public static final int MAX_TITLE = 200;
    public static final int MAX_TODOS = 10_000;

    /** Adds the routes under {@code /todos} to {@code router} and returns it. */
    public Router register(Router router) {
        throw StubException.notImplemented("3.13", "The to-do JSON API: CRUD, 201 + Location, problem details", "day3-http11/README.md#the-to-do-api");
    }
}
