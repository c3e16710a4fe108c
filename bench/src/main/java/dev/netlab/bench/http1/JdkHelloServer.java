package dev.netlab.bench.http1;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK baseline: {@code com.sun.net.httpserver} with its default executor (the
 * dispatcher thread runs every exchange) or with one virtual thread per exchange.
 */
final class JdkHelloServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    JdkHelloServer(InetSocketAddress bind, boolean virtualThreads) throws IOException {
        server = HttpServer.create(bind, 1024);
        executor = virtualThreads ? Executors.newVirtualThreadPerTaskExecutor() : null;
        server.setExecutor(executor); // null: the default executor
        server.createContext("/", JdkHelloServer::handle);
        server.start();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] body;
            String type;
            switch (exchange.getRequestURI().getPath()) {
                case HelloApp.PLAINTEXT -> {
                    body = HelloApp.HELLO;
                    type = HelloApp.TEXT_PLAIN;
                }
                case HelloApp.JSON -> {
                    body = HelloApp.json();
                    type = HelloApp.APPLICATION_JSON;
                }
                default -> {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Server", "jdk");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
