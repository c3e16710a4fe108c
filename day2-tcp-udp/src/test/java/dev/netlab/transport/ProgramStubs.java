package dev.netlab.transport;

import dev.netlab.kit.StubProbe;
import dev.netlab.transport.kv.KvServer;
import dev.netlab.transport.kv.KvStore;
import dev.netlab.transport.udp.UdpEchoServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;

/**
 * Before a test starts one of day 2's programs in a JVM of its own: its server, started and
 * stopped in this JVM as the program would start it, so that a program whose server is still a
 * stub fails the test at once with the stub's checkpoint ({@link StubProbe}) rather than after a
 * JVM start. On a working server it changes nothing: the program is then started and tested.
 */
final class ProgramStubs {
    private ProgramStubs() {}

    static void failIfStub(String program) throws InterruptedException {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        StubProbe.failIfStub(Duration.ofSeconds(5), () -> {
            switch (program) {
                case "kv" -> {
                    KvServer server = new KvServer(any, new KvStore());
                    server.start();
                    server.stop(Duration.ZERO);
                }
                case "udp-echo" -> {
                    UdpEchoServer server = new UdpEchoServer(any);
                    server.start();
                    server.stop(Duration.ZERO);
                }
                default -> {
                    ServerModel model = Arrays.stream(ServerModel.values()).filter(m -> m.program().equals(program)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("not a day-2 program: " + program));
                    EchoServer server = model.create(any);
                    server.start();
                    server.stop(Duration.ZERO);
                }
            }
        });
    }
}
