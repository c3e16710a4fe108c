package dev.netlab.kit.netns;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one direction of a {@link DelayLine} does to the packets that cross it — the knobs of
 * Linux's {@code netem} and {@code tbf}, which this kernel partly lacks:
 *
 * @param delay      one-way delay added to every packet
 * @param jitter     each packet's delay varies uniformly within {@code delay ± jitter}; packets
 *                   still leave in order (a link does not reorder by itself)
 * @param lossPercent   packets dropped at random, 0..100
 * @param reorderPercent packets sent at once, overtaking those still in the line (netem's
 *                   {@code reorder}), 0..100
 * @param rateBitsPerSecond the bottleneck rate ({@code tc tbf}), 0 for none
 * @param queueBytes how much the bottleneck buffers before it drops (tbf {@code limit}); 0 picks
 *                   one bandwidth-delay product of the whole path (at least 32 KiB)
 */
public record LinkConditions(Duration delay, Duration jitter, double lossPercent, double reorderPercent,
                             long rateBitsPerSecond, long queueBytes) {
    /** Nothing added: a clean link. */
    public static final LinkConditions NONE = new LinkConditions(Duration.ZERO, Duration.ZERO, 0, 0, 0, 0);

    public LinkConditions {
        if (delay.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("delay and jitter are not negative: " + delay + ", " + jitter);
        }
        if (jitter.compareTo(delay) > 0) {
            throw new IllegalArgumentException("jitter (" + jitter + ") larger than the delay (" + delay + ")");
        }
        if (!(lossPercent >= 0 && lossPercent <= 100) || !(reorderPercent >= 0 && reorderPercent <= 100)) {
            throw new IllegalArgumentException("percentages are 0..100: loss " + lossPercent + ", reorder " + reorderPercent);
        }
        if (rateBitsPerSecond < 0 || queueBytes < 0) {
            throw new IllegalArgumentException("rate and queue are not negative");
        }
    }

    public LinkConditions withDelay(Duration d) {
        return new LinkConditions(d, jitter, lossPercent, reorderPercent, rateBitsPerSecond, queueBytes);
    }

    public LinkConditions withJitter(Duration j) {
        return new LinkConditions(delay, j, lossPercent, reorderPercent, rateBitsPerSecond, queueBytes);
    }

    public LinkConditions withLoss(double percent) {
        return new LinkConditions(delay, jitter, percent, reorderPercent, rateBitsPerSecond, queueBytes);
    }

    public LinkConditions withReorder(double percent) {
        return new LinkConditions(delay, jitter, lossPercent, percent, rateBitsPerSecond, queueBytes);
    }

    public LinkConditions withRate(long bitsPerSecond) {
        return new LinkConditions(delay, jitter, lossPercent, reorderPercent, bitsPerSecond, queueBytes);
    }

    public LinkConditions withQueue(long bytes) {
        return new LinkConditions(delay, jitter, lossPercent, reorderPercent, rateBitsPerSecond, bytes);
    }

    private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|µs|ms|s)?");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(bit|kbit|mbit|gbit|bps|kbps|mbps|gbps)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|k|kib|mb|m|mib)?");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%?");

    /** {@code "40ms"}, {@code "1.5ms"}, {@code "250us"}, {@code "1s"}; a bare number is milliseconds (as in tc). */
    public static Duration parseTime(String text) {
        Matcher m = TIME.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a time: '" + text + "' (e.g. 40ms, 250us, 1s)");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double nanos = switch (unit) {
            case "us", "µs" -> v * 1e3;
            case "s" -> v * 1e9;
            default -> v * 1e6;
        };
        return Duration.ofNanos(Math.round(nanos));
    }

    /** tc's units: {@code "20mbit"} (bits per second), {@code "2mbps"} (BYTES per second, as in tc); a bare number is bit/s. */
    public static long parseRate(String text) {
        Matcher m = RATE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a rate: '" + text + "' (e.g. 20mbit, 500kbit)");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "bit" : m.group(2);
        double bits = switch (unit) {
            case "kbit" -> v * 1e3;
            case "mbit" -> v * 1e6;
            case "gbit" -> v * 1e9;
            case "bps" -> v * 8;
            case "kbps" -> v * 8e3;
            case "mbps" -> v * 8e6;
            case "gbps" -> v * 8e9;
            default -> v;
        };
        return Math.round(bits);
    }

    /** {@code "64kb"}, {@code "1mb"} (powers of 1024, as in tc), {@code "1500b"}; a bare number is octets. */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (e.g. 64kb, 1mb)");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        double bytes = switch (unit) {
            case "kb", "k", "kib" -> v * 1024;
            case "mb", "m", "mib" -> v * 1024 * 1024;
            default -> v;
        };
        return Math.round(bytes);
    }

    /** {@code "1%"}, {@code "0.5%"}, {@code "2"}. */
    public static double parsePercent(String text) {
        Matcher m = PERCENT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a percentage: '" + text + "' (e.g. 1%, 0.5%)");
        }
        return Double.parseDouble(m.group(1));
    }

    /** tc's own spelling of this direction, for the lesson and the log: {@code delay 40ms jitter 0ms loss 1% rate 20mbit}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("delay ").append(millis(delay));
        if (!jitter.isZero()) {
            s.append(" jitter ").append(millis(jitter));
        }
        if (lossPercent > 0) {
            s.append(" loss ").append(number(lossPercent)).append('%');
        }
        if (reorderPercent > 0) {
            s.append(" reorder ").append(number(reorderPercent)).append('%');
        }
        if (rateBitsPerSecond > 0) {
            s.append(" rate ").append(rateText(rateBitsPerSecond));
        }
        if (queueBytes > 0) {
            s.append(" queue ").append(queueBytes).append('b');
        }
        return s.toString();
    }

    static String rateText(long bits) {
        if (bits % 1_000_000 == 0) {
            return bits / 1_000_000 + "mbit";
        }
        if (bits % 1_000 == 0) {
            return bits / 1_000 + "kbit";
        }
        return bits + "bit";
    }

    private static String millis(Duration d) {
        return number(d.toNanos() / 1e6) + "ms";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
