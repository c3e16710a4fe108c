package dev.netlab.kit.pcap;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Hands out timestamps that strictly increase at the file's resolution (microseconds), so
 * packets keep their order when a reader sorts by time. A wanted time that is not later
 * than the previous one is moved to one microsecond after it.
 */
final class Timeline {
    private Instant last;

    Instant at(Instant wanted) {
        Instant t = wanted.truncatedTo(ChronoUnit.MICROS);
        if (last != null && !t.isAfter(last)) {
            t = last.plus(1, ChronoUnit.MICROS);
        }
        last = t;
        return t;
    }
}
