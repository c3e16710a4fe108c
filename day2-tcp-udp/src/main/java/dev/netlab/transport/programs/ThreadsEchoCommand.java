package dev.netlab.transport.programs;

import dev.netlab.transport.ServerModel;
import picocli.CommandLine.Command;

/** {@code ./lab run day2-tcp-udp echo-threads}: the echo server on one platform thread per connection. */
@Command(name = "echo-threads", mixinStandardHelpOptions = true,
        description = "TCP echo server on one platform thread per connection (your code). Prints READY tcp://HOST:PORT.")
public final class ThreadsEchoCommand extends EchoCommand {
    public ThreadsEchoCommand() {
        super(ServerModel.THREADS);
    }
}
