package dev.netlab.http2.programs;

import dev.netlab.http2.server.Handler;
import dev.netlab.http2.server.Request;
import dev.netlab.http2.server.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The day's small site, served from the class path ({@code src/main/resources/site}): the page,
 * its style sheet, script and tiles; {@code /echo} answers a POST with its body; {@code /slow}
 * waits a second (to watch other streams pass it); an extended CONNECT with
 * {@code :protocol echo} gets a tunnel that echoes its octets.
 */
public final class SiteHandler implements Handler {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "css", "text/css",
            "js", "text/javascript", "svg", "image/svg+xml", "txt", "text/plain; charset=utf-8");
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    @Override
    public Response handle(Request r) throws Exception {
        if (r.protocol() != null) {
            return r.protocol().equals("echo") ? Response.tunnel((in, out) -> in.transferTo(out)) : Response.text(501, "no such protocol\n");
        }
        String path = r.pathOnly();
        switch (path) {
            case "/echo":
                return Response.of(200, r.header("content-type"), r.body());
            case "/slow":
                Thread.sleep(1000);
                return Response.text(200, "slow, on stream " + r.streamId() + "\n");
            case "/":
                path = "/index.html";
                break;
            default:
                break;
        }
        if (!r.method().equals("GET") && !r.method().equals("HEAD")) {
            return Response.text(405, "GET or HEAD\n").header("allow", "GET, HEAD");
        }
        if (path.contains("..") || !path.matches("/[a-z0-9/._-]+")) {
            return Response.text(404, "not found\n");
        }
        byte[] body = cache.computeIfAbsent(path, SiteHandler::load);
        if (body.length == 0) {
            return Response.text(404, "not found: " + path + "\n");
        }
        String ext = path.substring(path.lastIndexOf('.') + 1);
        return Response.of(200, TYPES.getOrDefault(ext, "application/octet-stream"), body).header("cache-control", "max-age=60");
    }

    private static byte[] load(String path) {
        try (InputStream in = SiteHandler.class.getResourceAsStream("/site" + path)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            return ("error " + e).getBytes(StandardCharsets.UTF_8);
        }
    }
}
