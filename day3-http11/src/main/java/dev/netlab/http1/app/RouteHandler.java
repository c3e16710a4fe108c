package dev.netlab.http1.app;

import dev.netlab.http1.HttpException;
import dev.netlab.http1.Request;
import dev.netlab.http1.Response;

/** What a route runs: the request plus what the {@link Router} decoded from its target. */
@FunctionalInterface
public interface RouteHandler {
    Response handle(Request request, RouteParams params) throws HttpException;
}
