package dev.netlab.chat.programs;

import dev.netlab.chat.load.ChatLoad;
import dev.netlab.kit.tls.DevCertificates;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab run day7-capstone load -- --url https://127.0.0.1:8443/}: thousands of WSS
 * clients against a running chat; prints what was lost, duplicated, and the delivery latency.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "WSS clients in rooms against a running chat: each sends one message per interval; "
                + "checks that every acknowledged message reached every member once, and reports p50/p99 delivery latency.")
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--url", description = "the chat (default ${DEFAULT-VALUE})")
    URI url = URI.create("https://127.0.0.1:8443/");

    @Option(names = "--also", description = "another instance of the same chat (repeatable; CLUSTER.md): each room's "
            + "members are spread over --url and these")
    List<URI> also = new ArrayList<>();

    @Option(names = "--clients", description = "WSS connections (default ${DEFAULT-VALUE})")
    int clients = 2000;

    @Option(names = "--rooms", description = "rooms, clients spread evenly (default ${DEFAULT-VALUE})")
    int rooms = 20;

    @Option(names = "--seconds", description = "length of the sending phase (default ${DEFAULT-VALUE})")
    int seconds = 30;

    @Option(names = "--interval-ms", description = "each client sends one message per interval (default ${DEFAULT-VALUE})")
    int intervalMillis = 10_000;

    @Option(names = "--threads", description = "the clients' event loops (default ${DEFAULT-VALUE})")
    int threads = 2;

    @Override
    public Integer call() throws Exception {
        ChatLoad.Result r = ChatLoad.run(new ChatLoad.Plan(url, DevCertificates.standard().ca(), clients, rooms,
                Duration.ofSeconds(seconds), Duration.ofMillis(intervalMillis), 64, threads, also));
        System.out.println(r.summary());
        r.problems().forEach(p -> System.out.println("  " + p));
        r.losses().forEach(l -> System.out.println("  " + l));
        return r.lost() == 0 && r.duplicated() == 0 && r.connected() == r.clients() ? 0 : 1;
    }
}
