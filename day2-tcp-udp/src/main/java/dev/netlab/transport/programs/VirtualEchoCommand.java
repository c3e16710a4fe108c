package dev.netlab.transport.programs;

import dev.netlab.transport.ServerModel;
import picocli.CommandLine.Command;

/** {@code ./lab run day2-tcp-udp echo}: the echo server on virtual threads, one per connection (the default program). */
@Command(name = "echo", mixinStandardHelpOptions = true,
        description = "TCP echo server on virtual threads, one per connection (the default program) (your code). Prints READY tcp://HOST:PORT.")
public final class VirtualEchoCommand extends EchoCommand {
    public VirtualEchoCommand() {
        super(ServerModel.VIRTUAL);
    }
}
