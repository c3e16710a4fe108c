package dev.netlab.chat.web;

import dev.netlab.chat.ws.ChatWebSockets;
import dev.netlab.http1.HeaderFields;
import dev.netlab.http2.hpack.HeaderField;
import dev.netlab.http2.server.Handler;
import dev.netlab.http2.server.Request;
import dev.netlab.http2.server.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The chat over HTTP/2 (given): YOUR day-5 connection calls this handler once per stream. It
 * asks the same {@link UpgradeRouter} (7.06) as HTTP/1.1 does — an RFC 8441 extended CONNECT
 * with {@code :protocol websocket} is how a WebSocket opens on h2 (§4) — and answers pages
 * from the same {@link ChatSite}, translated from day 3's response type to day 5's.
 */
public final class ChatH2 implements Handler {
    /** RFC 9113 §8.2.2: connection-specific fields; a refusal written for HTTP/1.1 may carry them. */
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade");

    private final UpgradeRouter router;
    private final ChatSite site;
    private final ChatWebSockets websockets;
    private final String peer;

    public ChatH2(UpgradeRouter router, ChatSite site, ChatWebSockets websockets, String peer) {
        this.router = router;
        this.site = site;
        this.websockets = websockets;
        this.peer = peer;
    }

    @Override
    public Response handle(Request request) {
        HeadView view = view(request);
        return switch (router.route(view)) {
            case Route.Page p -> translate(site.handle(request.method(), request.pathOnly()));
            case Route.Refuse r -> {
                dev.netlab.http1.Response refusal = dev.netlab.http1.Response.text(dev.netlab.http1.Status.of(r.status()),
                        r.reason() + "\n");
                r.headers().forEach(f -> refusal.header(f.name(), f.value()));
                yield translate(site.harden(refusal));
            }
            case Route.WebSocket w -> websockets.overHttp2(view, request.authority(), w.endpoint(),
                    peer + " stream " + request.streamId());
        };
    }

    /** The routing's view of an h2 request: the method, {@code :path}, {@code :protocol} as a field, the regular fields. */
    static HeadView view(Request request) {
        List<HeadView.Field> fields = new ArrayList<>(request.headers().size() + 1);
        if (request.protocol() != null) {
            fields.add(new HeadView.Field(":protocol", request.protocol()));
        }
        for (HeaderField f : request.headers()) {
            fields.add(new HeadView.Field(f.name(), f.valueUtf8()));
        }
        return new HeadView(request.method(), request.path() == null ? "" : request.path(), fields);
    }

    /** Day 3's response as day 5's: the status, the fields an h2 response may carry, the content. */
    static Response translate(dev.netlab.http1.Response r) {
        byte[] body = r.body() instanceof dev.netlab.http1.Response.Bytes b ? b.data() : new byte[0];
        Response out = Response.of(r.status().code(), null, body);
        for (HeaderFields.Field f : r.headers().fields()) {
            String name = f.name().toLowerCase(Locale.ROOT);
            if (!CONNECTION_SPECIFIC.contains(name) && !name.equals("content-length")) {
                out = out.header(name, f.value());
            }
        }
        return out;
    }
}
