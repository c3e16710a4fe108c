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
 * the endpoint, the socket and its own unbuffered streams, a copy of the octets already read
 * after the head (a client may send its first frames right behind the request), and a response
 * writer for a refusal. It holds none of the HTTP/1.1 connection's buffers: the WebSocket
 * brings its own, sized for a long life among thousands (write whole messages to {@code out},
 * or buffer it yourself).
 *
 * <p>{@code tcp} is the TCP socket under {@code socket} (the same socket without TLS). Close it,
 * not {@code socket}, from any thread but the connection's own: {@code SSLSocket.close()} sends
 * close_notify (RFC 8446 §6.1) under the lock of the socket's output, which a send stuck on a
 * member that stopped reading holds for as long as the member does — and the chat's timers (the
 * shared {@code Ticker}) close from one thread for every connection.
 */
public record Upgraded(RequestHead head, HeadView view, Endpoint endpoint, Socket socket, Socket tcp,
                       InputStream in, OutputStream out, ByteBuffer buffered, ResponseWriter writer) {}
