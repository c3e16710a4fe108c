package dev.netlab.tls.server;

import dev.netlab.kit.StubProbe;
import dev.netlab.tls.programs.ServeCommand;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Before a test starts the {@code serve} program in a JVM of its own: the program's server,
 * opened and closed in this JVM from the same arguments ({@link ServeCommand#open()}: the
 * learner's code in the order the program runs it), so that a server that is still a stub fails
 * the test at once with the stub's checkpoint ({@link StubProbe}) rather than after a JVM start.
 * On a working server it changes nothing: the program is then started and tested as before.
 */
final class ServeStubs {
    private ServeStubs() {}

    static void failIfStub(String... serveArgs) throws InterruptedException {
        StubProbe.failIfStub(Duration.ofSeconds(10), () -> {
            ServeCommand serve = new ServeCommand();
            new CommandLine(serve).parseArgs(serveArgs);
            try (HttpsServer server = serve.open()) {
                server.port();
            }
        });
    }
}
