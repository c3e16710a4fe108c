package dev.netlab.tls.server;

import dev.netlab.kit.StubException;
import dev.netlab.tls.http.ConnectionInfo;
import dev.netlab.tls.http.Handler;
import dev.netlab.tls.http.Http1Exchange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A blocking HTTPS server: a plain {@link java.net.ServerSocket}, one virtual thread per
 * connection, an {@link SSLSocket} layered over each accepted TCP socket, the day's given
 * HTTP/1.1 loop ({@link Http1Exchange}) over it.
 *
 * <pre>
 *  accept() ──▶ TCP socket ──▶ SSLSocket over it (server mode, Options#parameters applied)
 *           ──▶ virtual thread: SO_TIMEOUT = handshake timeout, and a deadline that closes the TCP socket
 *                              set the ALPN selector, startHandshake()   (explicitly: failures end here)
 *                              cancel the deadline
 *                              count it (full or resumed), read SNI, ALPN, the client's identity
 *                              SO_TIMEOUT = idle timeout
 *                              Http1Exchange.serve(..., response -&gt; hsts.apply(response, info))
 * </pre>
 *
 * <p>What it must do, in order per connection:
 * <ol>
 *   <li>layer an {@link SSLSocket} over each accepted TCP socket
 *       ({@code SSLContext.getSocketFactory().createSocket(tcp, null, true)}: server mode, closing
 *       it closes {@code tcp}) and apply {@link Options#parameters()} to it (policy, SNI matchers,
 *       client auth);</li>
 *   <li>bound the handshake in time ({@link Options#handshakeTimeout()}), so a client that
 *       connects and says nothing (or half a ClientHello) does not hold a thread forever — the
 *       whole handshake, not each read: a ClientHello trickled one octet at a time resets a
 *       per-read timeout ({@code SO_TIMEOUT}) with every octet, so also schedule a close of the
 *       <em>TCP</em> socket at the deadline (a {@code ScheduledExecutorService} shared by the
 *       server) and cancel it once {@code startHandshake()} returns. Not a close of the
 *       SSLSocket: JSSE's {@code SSLSocket.close()} sends alerts, then drains the input under the
 *       read lock the handshake's own read holds, so it can wait up to {@code SO_TIMEOUT} — and
 *       the one timer thread closes nothing else meanwhile;</li>
 *   <li>complete the handshake with {@code startHandshake()} before reading any request: a
 *       failed handshake (an old protocol, an untrusted client certificate, a plain-HTTP
 *       client, no common ALPN protocol) is counted in {@link #handshakeFailures()} and closes
 *       the socket quietly — it is the client's problem, not a server error to log;</li>
 *   <li>describe the connection in a {@link ConnectionInfo}: protocol, cipher suite, ALPN
 *       result, the SNI host name, the client identity (with {@link Options#identities()}),
 *       whether the session was resumed ({@link Options#handshakes()});</li>
 *   <li>serve requests with {@link Options#idleTimeout()} between them, each response with
 *       HSTS added ({@link Options#hsts()}, null for none).</li>
 * </ol>
 * At most {@code maxConnections} connections are served at once ({@link #DEFAULT_MAX_CONNECTIONS}
 * unless {@link #start(InetSocketAddress, SSLContext, Handler, Options, int)} says otherwise): take
 * a slot (a {@link java.util.concurrent.Semaphore} permit) <em>before</em> {@code accept()} and give
 * it back when the connection's socket is closed, whatever the path — so a connection beyond the
 * cap waits, connected, in the kernel's accept backlog and is served as soon as one closes, and a
 * flood of connections costs no thread past the cap.
 * {@link #stop(Duration)} stops accepting at once, lets open connections finish for the grace
 * period, then closes what is left.
 */
public final class HttpsServer implements AutoCloseable {
    /**
     * @param parameters applied to the listening socket's SSLParameters (policy, SNI matchers, client auth)
     * @param alpn the ALPN selector set on every connection, or null for no ALPN
     * @param identities maps client certificates to identities, or null when none are asked for
     * @param handshakes counts full and resumed handshakes, or null
     * @param hsts the Strict-Transport-Security policy, or null
     */
    public record Options(UnaryOperator<SSLParameters> parameters, AlpnSelector alpn, ClientIdentities identities,
            HandshakeCounter handshakes, Hsts hsts, Duration handshakeTimeout, Duration idleTimeout) {

        /** TLS policy only: no ALPN, no client certificates, HSTS for a year, 10 s handshakes, 30 s idle. */
        public static Options defaults() {
            return new Options(TlsPolicy::apply, null, null, new HandshakeCounter(), Hsts.oneYear(),
                    Duration.ofSeconds(10), Duration.ofSeconds(30));
        }
    }

    /** Connections served at once unless told otherwise ({@code serve --max-connections}). */
    public static final int DEFAULT_MAX_CONNECTIONS = 2_000;

    /** Listens on {@code address} (port 0: any free port) and starts accepting, at most {@link #DEFAULT_MAX_CONNECTIONS} connections at once. */
    public static HttpsServer start(InetSocketAddress address, SSLContext context, Handler handler, Options options)
            throws IOException {
        return start(address, context, handler, options, DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * Listens on {@code address} and starts accepting, serving at most {@code maxConnections}
     * connections at once (at least 1); more wait in the accept backlog until one closes.
     */
    public static HttpsServer start(InetSocketAddress address, SSLContext context, Handler handler, Options options,
                                    int maxConnections) throws IOException {
        throw StubException.notImplemented("4.07", "A blocking HTTPS server, a redirecting HTTP port, HSTS", "day4-tls/README.md#https-server-redirect-and-hsts");
    }

    public int port() {
        throw StubException.notImplemented("4.07", "A blocking HTTPS server, a redirecting HTTP port, HSTS", "day4-tls/README.md#https-server-redirect-and-hsts");
    }

    /** Handshakes that failed (refused, timed out, or abandoned by the client) since the start. */
    public long handshakeFailures() {
        throw StubException.notImplemented("4.07", "A blocking HTTPS server, a redirecting HTTP port, HSTS", "day4-tls/README.md#https-server-redirect-and-hsts");
    }

    /** The options the server runs with. */
    public Options options() {
        throw StubException.notImplemented("4.07", "A blocking HTTPS server, a redirecting HTTP port, HSTS", "day4-tls/README.md#https-server-redirect-and-hsts");
    }

    /** Stops accepting; waits up to {@code grace} for open connections, then closes them. */
    public void stop(Duration grace) {
        throw StubException.notImplemented("4.07", "A blocking HTTPS server, a redirecting HTTP port, HSTS", "day4-tls/README.md#https-server-redirect-and-hsts");
    }

    @Override
    public void close() {
        throw StubException.notImplemented("4.07", "A blocking HTTPS server, a redirecting HTTP port, HSTS", "day4-tls/README.md#https-server-redirect-and-hsts");
    }
}
