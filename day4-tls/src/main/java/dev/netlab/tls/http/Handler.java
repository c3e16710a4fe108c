package dev.netlab.tls.http;

/** Answers one request; runs on the connection's own (virtual) thread. */
@FunctionalInterface
public interface Handler {
    Response handle(RequestHead request, ConnectionInfo connection) throws Exception;
}
