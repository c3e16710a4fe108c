package dev.netlab.transport.programs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.netlab.transport.udp.UdpClient;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./lab run day2-tcp-udp udp-client -- --port 7007 hello}: one request with retries (your UdpClient). */
@Command(name = "udp-client", mixinStandardHelpOptions = true,
        description = "Sends one datagram and prints the reply, retrying on timeouts; reports ICMP port unreachable.")
public final class UdpClientCommand implements Callable<Integer> {
    @Option(names = "--host", description = "server address (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "server port (default ${DEFAULT-VALUE})")
    int port = 7007;

    @Option(names = "--timeout", description = "milliseconds to wait per attempt (default ${DEFAULT-VALUE})")
    long timeoutMillis = 1000;

    @Option(names = "--attempts", description = "attempts in all (default ${DEFAULT-VALUE})")
    int attempts = 3;

    @Parameters(index = "0", defaultValue = "hello", description = "the message (default ${DEFAULT-VALUE})")
    String message;

    @Override
    public Integer call() throws Exception {
        try (UdpClient client = new UdpClient(new InetSocketAddress(host, port), Duration.ofMillis(timeoutMillis), attempts)) {
            byte[] reply = client.request(message.getBytes(UTF_8));
            System.out.println(new String(reply, UTF_8));
            System.err.printf("%d datagram(s) sent%n", client.sent());
            return 0;
        } catch (PortUnreachableException e) {
            System.err.println("ICMP port unreachable: nobody listens on " + host + ":" + port);
            return 1;
        } catch (SocketTimeoutException e) {
            System.err.println("timeout: " + e.getMessage());
            return 1;
        }
    }
}
