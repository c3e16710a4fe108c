package dev.netlab.http1;

/**
 * The application behind the server: one request in, one response out. A handler never sees
 * the connection: framing, {@code Date}, {@code Connection} and HEAD are the server's job.
 * Throwing an {@link HttpException} answers its status (with a short text body); any other
 * exception is a 500.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws HttpException;
}
