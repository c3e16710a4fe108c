package dev.netlab.bench.tls;

import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.tls.programs.ServeCommand;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import picocli.CommandLine;

/**
 * One TLS server of the day-4 benchmarks in a process of its own, so that its CPU time can be
 * read from {@code /proc/<pid>/stat} apart from the load generator's:
 * {@code java -cp ... dev.netlab.bench.tls.TlsServerHost <kind>} prints {@code READY <url>}
 * once it accepts connections, serves on 127.0.0.1 and an ephemeral port with the lab CA's
 * {@code localhost} certificate (ECDSA P-256), and stops when its standard input closes.
 *
 * <p>Kinds:
 * <ul>
 *   <li>{@code netlab}: day 4's {@code serve} program on the reference code, exactly as
 *       {@code ./lab run day4-tls --solutions -- --port 0 --redirect-port -1} runs it (the PEM
 *       credentials, the SNI key manager, the ALPN selector, the lab trust manager, the
 *       handshake counter, HSTS, {@code HttpsServer} with a virtual thread per connection);</li>
 *   <li>{@code netty}: {@link NettyHttpsServer} (Netty 4.2, epoll, {@code SslProvider.JDK});</li>
 *   <li>{@code jsse}: {@link JsseHttpsServer}, a plain {@code SSLServerSocket} server;</li>
 *   <li>{@code bulk-tlschannel} and {@code bulk-sslsocket}: {@link BulkServer} over day 4's
 *       {@code TlsChannel} (reference) or over a JSSE {@code SSLSocket}.</li>
 * </ul>
 * Every kind uses day 4's {@code TlsPolicy} (TLS 1.3 and 1.2, the same suites in the same
 * server order, the same groups), so every handshake negotiates the same parameters.
 */
public final class TlsServerHost {
    private TlsServerHost() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: TlsServerHost netlab|netty|jsse|bulk-tlschannel|bulk-sslsocket");
            System.exit(2);
        }
        Thread.ofPlatform().daemon().name("stdin-watch").start(TlsServerHost::exitAtEndOfInput);
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        DevCertificates lab = DevCertificates.standard();
        switch (args[0]) {
            // the serve program prints READY itself and runs until exitAtEndOfInput stops the JVM
            case "netlab" -> System.exit(new CommandLine(new ServeCommand()).execute("--port", "0", "--redirect-port", "-1"));
            case "netty" -> ready(new NettyHttpsServer(any, lab.server()).address());
            case "jsse" -> ready(new JsseHttpsServer(any, lab.serverContext()).address());
            case "bulk-tlschannel" -> ready(new BulkServer(any, lab.serverContext(), true).address());
            case "bulk-sslsocket" -> ready(new BulkServer(any, lab.serverContext(), false).address());
            default -> {
                System.err.println("unknown server kind " + args[0]);
                System.exit(2);
            }
        }
    }

    private static void ready(InetSocketAddress address) throws InterruptedException {
        System.out.println("READY https://127.0.0.1:" + address.getPort() + "/");
        System.out.flush();
        Thread.currentThread().join(); // the servers run on threads of their own until the JVM exits
    }

    private static void exitAtEndOfInput() {
        try {
            while (System.in.read() >= 0) {
                // the parent closes our stdin to stop us
            }
        } catch (IOException e) {
            // the parent is gone: stop as well
        }
        System.exit(0);
    }
}
