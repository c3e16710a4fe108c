package dev.netlab.http2.server;

/**
 * The application: one call per request, on a virtual thread of its own, so a slow handler
 * holds up only its own stream (RFC 9113 §5: streams are independent). An exception is a 500.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
