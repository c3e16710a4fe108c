package dev.netlab.tls.programs;

import dev.netlab.kit.launch.ServerContract;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.kit.tls.ServerIdentity;
import dev.netlab.kit.tls.TlsKeyLog;
import dev.netlab.tls.http.PlainHttpServer;
import dev.netlab.tls.http.SiteHandler;
import dev.netlab.tls.pem.CredentialException;
import dev.netlab.tls.pem.ServerCredentials;
import dev.netlab.tls.server.AlpnSelector;
import dev.netlab.tls.server.ClientIdentities;
import dev.netlab.tls.server.HandshakeCounter;
import dev.netlab.tls.server.Hsts;
import dev.netlab.tls.server.HttpsRedirect;
import dev.netlab.tls.server.HttpsServer;
import dev.netlab.tls.server.SniKeyManager;
import dev.netlab.tls.server.TlsPolicy;
import dev.netlab.tls.trust.LabTrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab run day4-tls [serve] [-- --port 8443]}: the day's HTTPS server on the learner's
 * code — credentials from PEM (4.01), trust for client certificates (4.03), SNI (4.08), ALPN
 * (4.09), mutual TLS (4.11), resumption counting (4.12), the hardening policy (4.13), HSTS and
 * the redirecting plain-HTTP port (4.07).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves a page over HTTPS that shows what TLS negotiated for your connection (your PEM loading, "
                + "trust, SNI, ALPN, mutual TLS, resumption and policy code).")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "HTTPS port, 0 for any free one (default ${DEFAULT-VALUE})")
    int port = 8443;

    @Option(names = "--redirect-port", description = "plain-HTTP port that redirects to HTTPS; 0 for any free one, "
            + "-1 for none (default: 8080 with the default --port, else none)")
    Integer redirectPort;

    @Option(names = "--cert", description = "certificate chain (PEM, leaf first; default: the lab CA's localhost certificate)")
    Path cert;

    @Option(names = "--key", description = "PKCS#8 private key (PEM) of --cert")
    Path key;

    @Option(names = "--ca", description = "trust anchors (PEM) for client certificates and the chain check (default: the lab CA)")
    Path ca;

    @Option(names = "--sni", description = "another host name with its own certificate: NAME=CHAIN.pem,KEY.pem, or just NAME "
            + "for a lab-CA certificate made for it (repeatable)")
    List<String> sni = new ArrayList<>();

    @Option(names = "--sni-strict", description = "refuse a server_name this server does not have (unrecognized_name) "
            + "instead of sending the default certificate")
    boolean sniStrict;

    @Option(names = "--client-auth", description = "ask for client certificates: none, want, need (default ${DEFAULT-VALUE})")
    ClientIdentities.Mode clientAuth = ClientIdentities.Mode.NONE;

    @Option(names = "--alpn", split = ",", description = "ALPN protocols in order of preference (default ${DEFAULT-VALUE})")
    List<String> alpn = List.of("http/1.1");

    @Option(names = "--keylog", description = "append the TLS secrets to this file (NSS key log format) for Wireshark/tshark")
    Path keylog;

    @Option(names = "--capture", description = "write a live capture of the HTTPS port's traffic to this pcap file (root)")
    Path capture;

    @Option(names = "--handshake-timeout", description = "seconds a client has to finish its handshake (default ${DEFAULT-VALUE})")
    long handshakeTimeout = 10;

    @Option(names = "--max-connections", description = "connections served at once; more wait in the accept backlog (default ${DEFAULT-VALUE})")
    int maxConnections = HttpsServer.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--idle-timeout", description = "seconds a connection may stay idle between requests (default ${DEFAULT-VALUE})")
    long idleTimeout = 30;

    @Option(names = "--hsts-max-age", description = "HSTS max-age in seconds, 0 to tell browsers to forget (default ${DEFAULT-VALUE})")
    long hstsMaxAge = 31_536_000;

    private HandshakeCounter handshakes;

    @Override
    public Integer call() throws Exception {
        if (keylog != null) {
            TlsKeyLog.attachToThisJvm(keylog); // before the first handshake
        }
        try (HttpsServer server = open()) {
            int plainPort = redirectPort != null ? redirectPort : (port == 8443 ? 8080 : -1);
            PlainHttpServer redirect = plainPort < 0 ? null
                    : PlainHttpServer.start(new InetSocketAddress(host, plainPort), new HttpsRedirect(server.port()), Duration.ofSeconds(10));
            ServerContract.captureIfAsked(capture, server.port());
            String shown = host.contains(":") ? "[" + host + "]" : host;
            if (redirect != null) {
                System.err.println("redirect: http://" + shown + ":" + redirect.port() + "/ -> https");
            }
            ServerContract.ready("https://" + shown + ":" + server.port() + "/");
            ServerContract.awaitShutdown(() -> {
                if (redirect != null) {
                    redirect.close();
                }
                server.stop(ServerContract.SHUTDOWN_GRACE.minusMillis(700));
                System.err.println("handshakes: " + handshakes + ", " + server.handshakeFailures() + " failed");
            });
        }
        return 0;
    }

    /**
     * The HTTPS server as {@link #call()} starts it, from the parsed options: the credentials, SNI,
     * trust, client identities, handshake counter, ALPN, HSTS, then the listening server (the
     * learner's code in that order). Without the key log, the redirect port or a capture: tests
     * use it to find a stub in their own JVM before they start the program in one of its own.
     */
    public HttpsServer open() throws Exception {
        DevCertificates lab = DevCertificates.standard();
        List<X509Certificate> anchors = ca != null ? ServerCredentials.certificates(java.nio.file.Files.readString(ca)) : List.of(lab.ca());
        Map<String, ServerCredentials> hosts = new LinkedHashMap<>();
        hosts.put("localhost", credentials(cert != null ? cert : lab.server().certificateFile(),
                key != null ? key : lab.server().privateKeyFile(), anchors));
        for (String entry : sni) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                ServerIdentity identity = lab.server(entry);
                hosts.put(entry, credentials(identity.certificateFile(), identity.privateKeyFile(), anchors));
            } else {
                String[] files = entry.substring(eq + 1).split(",", 2);
                if (files.length != 2) {
                    throw new IllegalStateException("--sni " + entry + ": expected NAME=CHAIN.pem,KEY.pem");
                }
                hosts.put(entry.substring(0, eq), credentials(Path.of(files[0]), Path.of(files[1]), anchors));
            }
        }
        SniKeyManager keys = new SniKeyManager(hosts, "localhost", sniStrict);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {keys}, new TrustManager[] {LabTrustManager.of(anchors)}, null);

        ClientIdentities identities = new ClientIdentities(clientAuth);
        handshakes = new HandshakeCounter();
        HttpsServer.Options options = new HttpsServer.Options(p -> parameters(p, keys, identities), new AlpnSelector(alpn),
                identities, handshakes, new Hsts(Duration.ofSeconds(hstsMaxAge), true), Duration.ofSeconds(handshakeTimeout),
                Duration.ofSeconds(idleTimeout));
        return HttpsServer.start(new InetSocketAddress(host, port), context, new SiteHandler(), options, maxConnections);
    }

    private static SSLParameters parameters(SSLParameters p, SniKeyManager keys, ClientIdentities identities) {
        TlsPolicy.apply(p);
        p.setSNIMatchers(keys.matchers());
        return identities.apply(p);
    }

    private static ServerCredentials credentials(Path chain, Path key, List<X509Certificate> anchors) throws IOException {
        try {
            return ServerCredentials.load(chain, key, anchors, Clock.systemUTC());
        } catch (CredentialException e) {
            throw new IllegalStateException(chain + " / " + key + ": " + e.getMessage(), e);
        }
    }
}
