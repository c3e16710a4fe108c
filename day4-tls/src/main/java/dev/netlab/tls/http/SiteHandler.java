package dev.netlab.tls.http;

/**
 * The day's given site: {@code /} is a page that shows what TLS negotiated for this very
 * connection (version, cipher suite, ALPN, SNI, resumption, the client's identity);
 * {@code /plaintext} is {@code Hello, World!} (what the benchmarks fetch); {@code /style.css} is
 * the page's style sheet; anything else is 404.
 */
public final class SiteHandler implements Handler {
    private static final String CSS = "body{font-family:sans-serif;margin:2em}td{padding:2px 12px}.ok{color:#070}\n";

    @Override
    public Response handle(RequestHead request, ConnectionInfo c) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return Response.text(405, "Method Not Allowed", "GET or HEAD\n").withField("Allow", "GET, HEAD");
        }
        return switch (request.path()) {
            case "/" -> Response.of(200, "OK", "text/html; charset=utf-8", page(c));
            case "/plaintext" -> Response.text(200, "OK", "Hello, World!");
            case "/style.css" -> Response.of(200, "OK", "text/css", CSS);
            default -> Response.text(404, "Not Found", "no " + request.path() + " here\n");
        };
    }

    private static String page(ConnectionInfo c) {
        String who = c.clientIdentity() == null ? "anonymous (no client certificate)" : "hello, " + c.clientIdentity();
        return "<!doctype html><html><head><title>netlab day 4</title><link rel=stylesheet href=/style.css></head><body>\n"
                + "<h1 class=ok>Hello over " + escape(c.protocol()) + "</h1>\n<table>\n"
                + row("cipher suite", c.cipherSuite()) + row("ALPN", c.applicationProtocol().isEmpty() ? "(none)" : c.applicationProtocol())
                + row("SNI", c.serverName().isEmpty() ? "(none)" : c.serverName()) + row("resumed", String.valueOf(c.resumed()))
                + row("client", who) + "</table>\n</body></html>\n";
    }

    private static String row(String name, String value) {
        return "<tr><td>" + name + "</td><td id=\"" + name.replace(' ', '-') + "\">" + escape(value) + "</td></tr>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
