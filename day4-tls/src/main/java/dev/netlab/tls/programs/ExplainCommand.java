package dev.netlab.tls.programs;

import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.kit.tls.TlsKeyLog;
import dev.netlab.kit.transcript.RecordingProxy;
import dev.netlab.kit.transcript.Transcript;
import dev.netlab.kit.transcript.Transcript.Direction;
import dev.netlab.tls.explain.Explainer;
import dev.netlab.tls.explain.KeyLog;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab run day4-tls explain -- --connect 127.0.0.1:8443}: opens one TLS connection of
 * its own (JSSE, trusting the lab CA) through a recording proxy, sends {@code GET /}, and
 * explains what crossed the wire: the hellos octet by octet, then every record, decrypted with
 * the key log this JVM writes (the extract-tls-secrets agent, attached to itself).
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Connects over TLS and explains the connection octet by octet (your record reader, hello annotator and decryptor).")
public final class ExplainCommand implements Callable<Integer> {
    @Option(names = "--connect", required = true, description = "HOST:PORT of a TLS server (yours: ./lab run day4-tls)")
    String connect;

    @Option(names = "--servername", description = "the SNI host name to send (default: localhost)")
    String serverName = "localhost";

    @Option(names = "--keylog", description = "where this JVM writes its TLS secrets (default: a temporary file)")
    Path keylog;

    @Option(names = "--no-decrypt", description = "do not attach the key-log agent; encrypted records stay encrypted")
    boolean noDecrypt;

    @Override
    public Integer call() throws Exception {
        int colon = connect.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalStateException("--connect HOST:PORT");
        }
        InetSocketAddress target = new InetSocketAddress(connect.substring(0, colon).replace("[", "").replace("]", ""),
                Integer.parseInt(connect.substring(colon + 1)));
        Path keys = keylog != null ? keylog : Files.createTempFile("netlab-explain", ".keys");
        if (!noDecrypt) {
            TlsKeyLog.attachToThisJvm(keys);
        }
        Transcript transcript;
        try (RecordingProxy proxy = RecordingProxy.start("explain", target)) {
            try (SSLSocket socket = (SSLSocket) DevCertificates.standard().clientContext().getSocketFactory()
                    .createSocket("127.0.0.1", proxy.port())) {
                socket.setSoTimeout(10_000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(serverName)));
                parameters.setApplicationProtocols(new String[] {"http/1.1"});
                socket.setSSLParameters(parameters);
                OutputStream out = socket.getOutputStream();
                out.write(("GET / HTTP/1.1\r\nHost: " + serverName + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                in.readAllBytes();
            }
            transcript = proxy.awaitTranscripts(1, Duration.ofSeconds(5)).get(0);
            Thread.sleep(200); // the proxy passes on the last octets and the close
        }
        KeyLog log = null;
        if (!noDecrypt) {
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline && !Files.readString(keys).contains("SERVER_TRAFFIC_SECRET_0")) {
                Thread.sleep(50);
            }
            log = KeyLog.parse(Files.readString(keys));
            System.out.println("key log: " + keys + " (" + log.size() + " secrets)");
        }
        new Explainer(System.out).explain(transcript.bytes(Direction.CLIENT_TO_SERVER), transcript.bytes(Direction.SERVER_TO_CLIENT), log);
        return 0;
    }
}
