package dev.netlab.transport;

import dev.netlab.kit.Checkpoint;
import java.net.InetSocketAddress;

/**
 * Checkpoint 2.01: echo with a platform thread per connection, through {@link EchoServerTests}.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 9 mutants, 9 killed): the whole read buffer written back instead of the {@code n}
 * octets read; no close after the client's FIN (our FIN never sent: the half-close tests time
 * out); one read and then close; the listening socket left open by {@code stop}; {@code stop}
 * closing open connections at once (no grace), never closing the stragglers, or sleeping the
 * whole grace period although nothing is open; and every connection served on the accepting
 * thread (no thread per connection), which passed every test until
 * {@code secondClientWhileFirstIsSilent} was added: the shared tests' clients each finish before
 * the next one needs the server; binding in the acceptor thread, so start() returns before it
 * accepts ({@code portInUse}: a port in use must be start()'s BindException; most rows also fail
 * in {@code startServer}, port() still -1).
 */
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
