package dev.netlab.conditions;

import dev.netlab.kit.netns.DelayLine;
import dev.netlab.kit.netns.LabNetwork;
import dev.netlab.kit.netns.LinkConditions;
import dev.netlab.kit.netns.NetHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code ./lab run day7-capstone conditions -- --rtt 80ms --loss 1% --rate 20mbit [-- command]}:
 * two namespaces joined by a {@link DelayLine} with those conditions; runs the command (or an
 * interactive shell) in "near" (10.93.0.1), with "far" (10.93.0.2) on the other side, and
 * removes everything when it ends.
 */
@Command(name = "conditions", mixinStandardHelpOptions = true,
        description = {"Run a command (default: a shell) in a namespace 'near' (10.93.0.1) joined to 'far' (10.93.0.2)",
                "through a delay line: netem-like delay, jitter, loss, reordering, and a tc tbf rate limit.",
                "Example: conditions --rtt 80ms --loss 1% --rate 20mbit --far 'iperf3 -s' -- iperf3 -c 10.93.0.2"})
public final class ConditionsCommand implements Callable<Integer> {
    @Option(names = "--rtt", description = "round-trip time, split evenly between the directions (e.g. 80ms)")
    String rtt = "0ms";

    @Option(names = "--jitter", description = "each packet's one-way delay varies within ± this (e.g. 5ms); order is kept")
    String jitter = "0ms";

    @Option(names = "--loss", description = "random loss in each direction (e.g. 1%%)")
    String loss = "0%";

    @Option(names = "--loss-to-far", description = "random loss toward far only (overrides --loss that way)")
    String lossToFar;

    @Option(names = "--loss-to-near", description = "random loss toward near only (overrides --loss that way)")
    String lossToNear;

    @Option(names = "--reorder", description = "share of packets sent at once, overtaking those in flight (netem's reorder, e.g. 5%%)")
    String reorder = "0%";

    @Option(names = "--rate", description = "bottleneck rate each way, tc tbf (e.g. 20mbit); none by default")
    String rate;

    @Option(names = "--queue", description = "bottleneck buffer (e.g. 64kb); default one bandwidth-delay product")
    String queue;

    @Option(names = "--seed", description = "seed of the random loss and reordering (default: a new one each run)")
    Long seed;

    @Option(names = "--cc", description = "TCP congestion control of both namespaces (e.g. cubic, bbr); default: this machine's")
    String congestionControl;

    @Option(names = "--far", description = "a command to start in far first (a server), e.g. 'iperf3 -s'; split at spaces")
    String farCommand;

    @Parameters(description = "the command to run in near (default: an interactive shell)")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Duration oneWay = LinkConditions.parseTime(rtt).dividedBy(2);
        LinkConditions base = LinkConditions.NONE.withDelay(oneWay).withJitter(LinkConditions.parseTime(jitter))
                .withReorder(LinkConditions.parsePercent(reorder))
                .withRate(rate == null ? 0 : LinkConditions.parseRate(rate))
                .withQueue(queue == null ? 0 : LinkConditions.parseSize(queue));
        double both = LinkConditions.parsePercent(loss);
        LinkConditions toFar = base.withLoss(lossToFar == null ? both : LinkConditions.parsePercent(lossToFar));
        LinkConditions toNear = base.withLoss(lossToNear == null ? both : LinkConditions.parsePercent(lossToNear));
        try (LabNetwork net = LabNetwork.create()) {
            DelayLine line = DelayLine.create(net, toFar, toNear, seed != null ? seed : System.nanoTime());
            NetHost near = line.near();
            NetHost far = line.far();
            System.err.printf("conditions: near %s (%s) <-> far %s (%s)%n", DelayLine.NEAR_ADDRESS, near.namespace(),
                    DelayLine.FAR_ADDRESS, far.namespace());
            System.err.println("  to far:  " + toFar);
            System.err.println("  to near: " + toNear);
            if (congestionControl != null) {
                Experiments.setCongestionControl(near, congestionControl);
                Experiments.setCongestionControl(far, congestionControl);
                System.err.println("  TCP congestion control: " + congestionControl);
            }
            if (farCommand != null && !farCommand.isBlank()) {
                far.start(farCommand.trim().split("\\s+"));
                System.err.println("  far runs: " + farCommand);
            }
            System.err.println("  another terminal: ip netns exec " + far.namespace() + " <command>   (or " + near.namespace() + ")");
            List<String> cmd = new ArrayList<>(List.of(ipPath(), "netns", "exec", near.namespace()));
            boolean shell = command.isEmpty();
            if (shell) {
                cmd.addAll(List.of("bash", "--norc", "-i"));
                System.err.println("  a shell in near; 'exit' ends it and removes both namespaces");
            } else {
                cmd.addAll(command);
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            Map<String, String> env = pb.environment();
            env.put("NEAR", DelayLine.NEAR_ADDRESS);
            env.put("FAR", DelayLine.FAR_ADDRESS);
            env.put("PS1", "[near rtt " + rtt + (both > 0 ? " loss " + loss : "") + "] \\w\\$ ");
            Process child = pb.start();
            // Ctrl-C belongs to the command (the terminal sends it to both): this JVM waits for
            // the command to end, then removes the namespaces.
            SignalHandler previous = ignoreInterrupts();
            Thread stopChild = new Thread(() -> {
                child.descendants().forEach(ProcessHandle::destroy);
                child.destroy();
            }, "conditions-stop-command");
            Runtime.getRuntime().addShutdownHook(stopChild);
            int exit;
            try {
                exit = child.waitFor();
            } finally {
                if (previous != null) {
                    Signal.handle(new Signal("INT"), previous);
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(stopChild);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
            child.waitFor(2, TimeUnit.SECONDS);
            System.err.printf("conditions: to far %s; to near %s%n", line.toFarStats(), line.toNearStats());
            return exit;
        }
    }

    private static SignalHandler ignoreInterrupts() {
        try {
            return Signal.handle(new Signal("INT"), signal -> { });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static String ipPath() {
        return dev.netlab.kit.Peer.find("ip").map(Object::toString).orElse("ip");
    }
}
