package dev.netlab.bench.http1;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.http1.Handler;
import dev.netlab.http1.HttpException;
import dev.netlab.http1.Request;
import dev.netlab.http1.Response;
import dev.netlab.http1.Status;
import java.nio.charset.StandardCharsets;

/**
 * The application every server of the load suites serves, in the style of the TechEmpower
 * "plaintext" and "JSON" tests: {@code GET /plaintext} is {@code Hello, World!} as
 * {@code text/plain}; {@code GET /json} is {@code {"message":"Hello, World!"}}, serialised
 * by Jackson for every request. This class is the netlab server's version, written against
 * day 3's public {@link Handler}/{@link Response} API; the baselines do the same with theirs.
 */
public final class HelloApp implements Handler {
    static final String PLAINTEXT = "/plaintext";
    static final String JSON = "/json";
    static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    static final String TEXT_PLAIN = "text/plain";
    static final String APPLICATION_JSON = "application/json";

    /** Serialised per request, as the TechEmpower rules ask. */
    public record Message(String message) {}

    static final ObjectMapper MAPPER = new ObjectMapper();

    static byte[] json() {
        try {
            return MAPPER.writeValueAsBytes(new Message("Hello, World!"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Response handle(Request request) throws HttpException {
        return switch (request.path()) {
            case PLAINTEXT -> Response.of(Status.OK).body(TEXT_PLAIN, HELLO);
            case JSON -> Response.of(Status.OK).body(APPLICATION_JSON, json());
            default -> Response.text(Status.NOT_FOUND, "not found\n");
        };
    }
}
