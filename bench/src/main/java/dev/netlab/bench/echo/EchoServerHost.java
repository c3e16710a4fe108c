package dev.netlab.bench.echo;

import dev.netlab.transport.EchoServer;
import dev.netlab.transport.ServerModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The server side of {@link EchoLoadSuite}, in a JVM of its own so that its CPU time is the
 * server's alone ({@link ServerProcess} reads it from {@code /proc/<pid>/stat}). Commands on
 * stdin, one per line, answers on stdout:
 *
 * <pre>
 *   start netty | start THREADS | start POOL | start VIRTUAL | start SELECTOR  ->  READY port
 *   stop                                                                        ->  STOPPED
 *   (end of input)                                                              ->  the JVM exits
 * </pre>
 *
 * The first line it prints is {@code HOST max-file-descriptors}.
 */
public final class EchoServerHost {
    static final String NETTY = "netty";
    static final String NETTY_EPOLL = "netty-epoll";

    private EchoServerHost() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("HOST " + maxFileDescriptors());
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        AutoCloseable running = null;
        for (String line; (line = commands.readLine()) != null; ) {
            String[] words = line.strip().split(" ");
            try {
                switch (words[0]) {
                    case "start" -> {
                        closeQuietly(running);
                        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
                        int port;
                        if (words[1].equals(NETTY) || words[1].equals(NETTY_EPOLL)) {
                            NettyEchoServer netty = new NettyEchoServer(any, words[1].equals(NETTY_EPOLL));
                            running = netty;
                            port = netty.address().getPort();
                        } else {
                            EchoServer server = ServerModel.valueOf(words[1]).create(any);
                            server.start();
                            running = () -> server.stop(Duration.ofSeconds(2));
                            port = server.port();
                        }
                        System.out.println("READY " + port);
                    }
                    case "stop" -> {
                        closeQuietly(running);
                        running = null;
                        System.out.println("STOPPED");
                    }
                    default -> System.out.println("FAILED unknown command: " + line);
                }
            } catch (Exception | Error e) {
                System.out.println("FAILED " + e);
            }
            System.out.flush();
        }
        closeQuietly(running);
        System.exit(0);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // stopping is best effort: the JVM ends soon anyway
            }
        }
    }

    static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
