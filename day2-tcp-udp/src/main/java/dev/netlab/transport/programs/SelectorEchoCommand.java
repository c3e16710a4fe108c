package dev.netlab.transport.programs;

import dev.netlab.transport.ServerModel;
import picocli.CommandLine.Command;

/** {@code ./lab run day2-tcp-udp echo-nio}: the echo server on one thread with an NIO Selector. */
@Command(name = "echo-nio", mixinStandardHelpOptions = true,
        description = "TCP echo server on one thread with an NIO Selector (your code). Prints READY tcp://HOST:PORT.")
public final class SelectorEchoCommand extends EchoCommand {
    public SelectorEchoCommand() {
        super(ServerModel.SELECTOR);
    }
}
