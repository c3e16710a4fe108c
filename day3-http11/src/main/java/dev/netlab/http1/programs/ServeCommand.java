package dev.netlab.http1.programs;

import dev.netlab.http1.Limits;
import dev.netlab.http1.app.Router;
import dev.netlab.http1.app.StaticFiles;
import dev.netlab.http1.app.TodoApi;
import dev.netlab.http1.server.Server;
import dev.netlab.kit.launch.ServerContract;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab run day3-http11 [serve] [-- --port 8080]}: the day's whole server, on the
 * learner's code — the static site at {@code /}, the to-do API at {@code /todos}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves a static site at / and the to-do JSON API at /todos over HTTP/1.1 (your parser, "
                + "connection, router, static files and API).")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port, 0 for any free one (default ${DEFAULT-VALUE})")
    int port = 8080;

    @Option(names = "--root", description = "folder to serve at / (default: the site shipped with the lab)")
    Path root;

    @Option(names = "--capture", description = "write a live capture of the server's traffic to this pcap file")
    Path capture;

    @Option(names = "--engine", description = "threads (a virtual thread per connection: your HttpConnection) or "
            + "loop (event loops: the given LoopServer); both run your parser and writer (default ${DEFAULT-VALUE})")
    Server.Engine engine = Server.Engine.THREADS;

    @Option(names = "--idle-timeout", description = "seconds a kept-alive connection may idle (default ${DEFAULT-VALUE})")
    int idleSeconds = 5;

    @Option(names = "--header-timeout", description = "seconds from a request's first octet to the end of its header section (default ${DEFAULT-VALUE})")
    int headerSeconds = 10;

    @Option(names = "--max-connections", description = "connections served at once; more wait in the accept backlog (default ${DEFAULT-VALUE})")
    int maxConnections = Server.DEFAULT_MAX_CONNECTIONS;

    @Override
    public Integer call() throws Exception {
        Path site = root != null ? root : shippedSite();
        if (!Files.isDirectory(site)) {
            throw new IllegalStateException("no folder " + site + " to serve (--root)");
        }
        Router router = new Router();
        new TodoApi().register(router);
        router.route("GET", "/{path...}", new StaticFiles(site));

        Limits limits = Limits.defaults().withTimeouts(Duration.ofSeconds(headerSeconds), Duration.ofSeconds(idleSeconds));
        try (Server server = Server.start(engine, new InetSocketAddress(host, port), router, limits, Clock.systemUTC(), maxConnections)) {
            ServerContract.captureIfAsked(capture, server.port());
            String shown = host.contains(":") ? "[" + host + "]" : host;
            ServerContract.ready("http://" + shown + ":" + server.port() + "/");
            // SIGTERM/SIGINT end the wait; the server drains and call() returns 0 ("stopped as asked").
            ServerContract.awaitShutdown(() -> server.stopGracefully(ServerContract.SHUTDOWN_GRACE.minusMillis(500)));
        }
        return 0;
    }

    /** The site under {@code src/main/resources/site}, from the class path. */
    static Path shippedSite() throws URISyntaxException {
        URL index = ServeCommand.class.getResource("/site/index.html");
        if (index == null || !index.getProtocol().equals("file")) {
            throw new IllegalStateException("the shipped site is not a folder on the class path; pass --root DIR");
        }
        return Path.of(index.toURI()).getParent();
    }
}
