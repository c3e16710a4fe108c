package dev.netlab.bench.echo;

import dev.netlab.kit.abuse.LatencyHistogram;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One server under one load plan, measured in several rounds interleaved with the other
 * servers, so that a noisy moment on the machine does not decide a ratio: messages/s is the
 * median round, latencies come from all rounds' echoes together, CPU per million messages from
 * all rounds' CPU and messages, errors from the worst round.
 */
record Measured(List<LoadGenerator.Result> rounds) {

    Measured {
        rounds = List.copyOf(rounds);
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds");
        }
    }

    LoadGenerator.Plan plan() {
        return rounds.getFirst().plan();
    }

    /** The median round's messages/s (the lower middle one for an even count). */
    double messagesPerSecond() {
        List<Double> sorted = rounds.stream().map(LoadGenerator.Result::messagesPerSecond).sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    double p50Millis() {
        return latency().quantileMillis(0.50);
    }

    double p99Millis() {
        return latency().quantileMillis(0.99);
    }

    private LatencyHistogram latency() {
        LatencyHistogram all = new LatencyHistogram();
        rounds.forEach(r -> all.add(r.latency()));
        return all;
    }

    /** Server CPU seconds per million echoed messages over all rounds; NaN if unknown. */
    double cpuSecondsPerMillion() {
        long messages = rounds.stream().mapToLong(LoadGenerator.Result::messages).sum();
        boolean known = rounds.stream().allMatch(r -> r.serverCpuNanos() >= 0);
        long cpu = rounds.stream().mapToLong(LoadGenerator.Result::serverCpuNanos).sum();
        return messages == 0 || !known ? Double.NaN : cpu / 1e9 / (messages / 1e6);
    }

    /** The round with the most errors. */
    LoadGenerator.Result worstRound() {
        return rounds.stream().max(Comparator.comparingLong(LoadGenerator.Result::errorCount)).orElseThrow();
    }

    long errorCount() {
        return worstRound().errorCount();
    }

    /** The worst round's errors: {@code 0}, or e.g. {@code 920 (closed 920)}. */
    String errors() {
        LoadGenerator.Result worst = worstRound();
        if (worst.errorCount() == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%,d (%s)", worst.errorCount(), worst.errors().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()))
                .collect(Collectors.joining(", ")));
    }

    /** The fewest connections any round served (got at least one echo), e.g. {@code 16 of 1,000}. */
    String served() {
        long fewest = rounds.stream().mapToLong(LoadGenerator.Result::servedConnections).min().orElseThrow();
        return String.format(Locale.ROOT, "%,d of %,d", fewest, plan().connections());
    }

    /** Each round's messages/s, e.g. {@code 41,200 / 43,900 / 40,100}. */
    String roundsMessagesPerSecond() {
        return rounds.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.messagesPerSecond()))
                .collect(Collectors.joining(" / "));
    }
}
