package dev.netlab.transport;

/**
 * A TCP echo server (the service of RFC 862, "Echo Protocol", on any port): every byte a
 * client sends comes back to it, in order, on the same connection.
 *
 * <p>Half-close (RFC 9293 §3.6, "Closing a Connection"): when the client shuts down its
 * output, the server sees end-of-stream, writes back whatever it still owes, and then closes
 * its side. So {@code printf 'hi\n' | nc -q1 127.0.0.1 PORT} prints {@code hi}: nc sends the
 * line, half-closes, and reads until the server's FIN.
 *
 * <p>The listening socket's accept backlog is 1,024 ({@code bind(address, 1024)}; the JDK's
 * default is 50): a burst of clients waits in the kernel's queue instead of having its SYNs
 * dropped (and retried a second later). {@code ss -ltn} shows it as the LISTEN socket's Send-Q.
 *
 * <p>Day 2 builds four of them, one per concurrency model ({@link ServerModel}).
 */
public interface EchoServer extends TcpServer {
}
