package dev.netlab.transport.programs;

import dev.netlab.transport.ServerModel;
import picocli.CommandLine.Command;

/** {@code ./lab run day2-tcp-udp echo-pool}: the echo server on a bounded worker pool that refuses connections when full. */
@Command(name = "echo-pool", mixinStandardHelpOptions = true,
        description = "TCP echo server on a bounded worker pool that refuses connections when full (your code). Prints READY tcp://HOST:PORT.")
public final class PoolEchoCommand extends EchoCommand {
    public PoolEchoCommand() {
        super(ServerModel.POOL);
    }
}
