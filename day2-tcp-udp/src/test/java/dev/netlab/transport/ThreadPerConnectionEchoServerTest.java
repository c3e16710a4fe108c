package dev.netlab.transport;

import dev.netlab.kit.Checkpoint;
import java.net.InetSocketAddress;

@Checkpoint(id = "2.01", title = "Echo, thread per connection (half-close, graceful stop)",
        edit = "dev/netlab/transport/ThreadPerConnectionEchoServer.java",
        hint = "accept in a loop; per socket a thread copies in to out until read() returns -1, then closes",
        readme = "#echo-four-ways")
class ThreadPerConnectionEchoServerTest extends EchoServerTests {
    @Override
    EchoServer create(InetSocketAddress bind) {
        return new ThreadPerConnectionEchoServer(bind);
    }
}
