package dev.netlab.chat.web;

import dev.netlab.http1.RequestHead;
import dev.netlab.http1.ResponseWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * An HTTP/1.1 connection whose request passed {@link UpgradeRouter} as a WebSocket handshake,
 * handed over to a {@link WebSocketUpgrade}: the parsed head (day 3's and the routing view),
 * the endpoint, the socket and its streams, the octets already read after the head (a client
 * may send its first frames right behind the request), and the connection's response writer
 * for a refusal.
 */
public record Upgraded(RequestHead head, HeadView view, Endpoint endpoint, Socket socket,
                       InputStream in, OutputStream out, ByteBuffer buffered, ResponseWriter writer) {}
