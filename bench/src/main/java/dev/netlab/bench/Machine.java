package dev.netlab.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The facts that make one run's numbers what they are.
 *
 * @param cores available processors
 * @param jdk the running JDK (JMH forks use the same one)
 * @param os operating system name, version and architecture
 * @param date when the run started, ISO-8601 with offset
 */
public record Machine(int cores, String jdk, String os, String date) {

    public static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name")
                        + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.version")
                        + " " + System.getProperty("os.arch"),
                ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
}
