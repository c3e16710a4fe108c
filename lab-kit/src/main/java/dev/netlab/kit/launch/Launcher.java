package dev.netlab.kit.launch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine;

/**
 * Starts a day's program by name: {@code ./lab run day1-link-ip ping -- 10.91.1.2}.
 * Programs are listed in {@code META-INF/netlab/programs.properties} of each module
 * ({@code name=fully.qualified.Class}, {@code default=name}, and {@code name.needs=3.01-3.13}:
 * the checkpoints it runs on, named when it reaches a stub, see {@link ProgramNeeds}); each is
 * a picocli command. A module that depends on another day sees that day's programs too; its
 * own {@code default}, first on the class path, wins. A program may also be named by its class
 * name (as {@link ProgramProcess#start(java.util.List, Class, String, String...)} does), which is
 * unambiguous when several days define a program of the same name.
 * SIGINT and SIGTERM end the JVM through its shutdown hooks, where programs clean up.
 */
public final class Launcher {
    private Launcher() {}

    /**
     * How many carrier threads a program's virtual threads share, unless {@code
     * -Djdk.virtualThreadScheduler.parallelism} says: twice the cores, at least 8. The JDK's
     * default is one per core, and a virtual thread is never preempted: it keeps its carrier
     * until it blocks. A server's CPU-heavy steps (a TLS handshake, several milliseconds of
     * signing; inflating a compressed message) then queue every other connection behind them
     * when they come in a burst, and on two cores two such steps are all it takes. Measured on
     * day 6's abuse test (2 cores, 8 attacks at once, 4 well-behaved clients every 10 ms): with
     * 2 carriers the clients' p99 was 25–199 ms over 10 runs (4 of them over 100 ms); with 8 it
     * was 11–22 ms over 4 — the kernel time-slices carriers, not virtual threads. Throughput
     * did not pay for it: day 4's HTTPS keep-alive bench (wrk, 100 connections, quiet machine)
     * served 32.8k requests/s with 8 carriers and 32.0k with 2 (medians of 3 rounds).
     */
    public static int carriers() {
        return Math.max(8, 2 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * The carriers of {@code program} (a name in a {@code programs.properties}): {@link #carriers()},
     * unless the file sets {@code <program>.carriers}: {@code cores} (one per core, the JDK's
     * default), {@code N*cores}, or a number. For a program that keeps its CPU-heavy steps off the
     * carriers, the floor of 8 only costs CPU on a small machine: each burst of work wakes carriers
     * the kernel then switches between. Day 7's chat runs its TLS handshakes on platform threads
     * and sets {@code 2*cores}: on the 2-core VM its 10,000-client bench took a quarter less CPU
     * with 2 carriers than with 8, and 4 carriers less in two comparisons of four (its README);
     * its {@code AbuseTest} held with 4, not with 2 (an h2 stream flood's own work queued the
     * members' for 124–199 ms).
     */
    public static int carriersFor(String program) {
        String setting = null;
        try {
            Enumeration<URL> files = Launcher.class.getClassLoader().getResources("META-INF/netlab/programs.properties");
            while (files.hasMoreElements() && setting == null) {
                Properties p = new Properties();
                try (InputStream in = files.nextElement().openStream()) {
                    p.load(in);
                }
                setting = p.getProperty(program + ".carriers");
            }
        } catch (IOException e) {
            return carriers();
        }
        return carriersOf(setting);
    }

    /** {@code setting}: null for {@link #carriers()}; {@code cores}, {@code N*cores} or a number. */
    static int carriersOf(String setting) {
        if (setting == null || setting.isBlank()) {
            return carriers();
        }
        String s = setting.replaceAll("\\s", "");
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            if (s.equals("cores")) {
                return cores;
            }
            if (s.endsWith("*cores")) {
                return Math.max(1, Integer.parseInt(s.substring(0, s.length() - "*cores".length())) * cores);
            }
            return Math.max(1, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("carriers: 'cores', 'N*cores' or a number, not '" + setting + "'");
        }
    }

    /** The virtual-thread scheduler's carriers for a program: see {@link #carriers()}. */
    public static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    public static void main(String[] args) throws Exception {
        Map<String, String> programs = new TreeMap<>();
        Map<String, String[]> byClass = new TreeMap<>(); // class -> {name, needs, carriers} from its own module's file
        Map<String, String> needs = new TreeMap<>();
        Map<String, String> carriers = new TreeMap<>(); // name -> its .carriers setting
        String fallback = null;
        Enumeration<URL> files = Launcher.class.getClassLoader().getResources("META-INF/netlab/programs.properties");
        while (files.hasMoreElements()) {
            Properties p = new Properties();
            try (InputStream in = files.nextElement().openStream()) {
                p.load(in);
            } catch (IOException e) {
                continue;
            }
            for (String name : p.stringPropertyNames()) {
                if (name.equals("default")) {
                    // the first on the class path is the module's own: a module that depends on
                    // another day (the capstone on day 3) also sees that day's programs file
                    if (fallback == null) {
                        fallback = p.getProperty(name);
                    }
                } else if (name.endsWith(".needs")) {
                    needs.put(name.substring(0, name.length() - ".needs".length()), p.getProperty(name));
                } else if (name.endsWith(".carriers")) {
                    carriers.putIfAbsent(name.substring(0, name.length() - ".carriers".length()), p.getProperty(name));
                } else {
                    programs.put(name, p.getProperty(name));
                    byClass.put(p.getProperty(name), new String[] {name, p.getProperty(name + ".needs", ""), p.getProperty(name + ".carriers")});
                }
            }
        }
        String name;
        String[] rest;
        if (args.length > 0 && byClass.containsKey(args[0])) {
            // a program by its class name (ProgramProcess.start with an anchor class): unambiguous
            // when several days on the class path have a program of the same name
            name = byClass.get(args[0])[0];
            programs.put(name, args[0]);
            needs.put(name, byClass.get(args[0])[1]);
            carriers.put(name, byClass.get(args[0])[2]);
            rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        } else if (args.length > 0 && programs.containsKey(args[0])) {
            name = args[0];
            rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        } else if (args.length > 0 && !args[0].startsWith("-")) {
            System.err.println("unknown program '" + args[0] + "'; this module has: " + String.join(", ", programs.keySet()));
            System.exit(2);
            return;
        } else if (fallback != null) {
            name = fallback;
            rest = args;
        } else {
            System.err.println("no program given; this module has: " + String.join(", ", programs.keySet()));
            System.exit(2);
            return;
        }
        if (System.getProperty(PARALLELISM) == null) {
            // before the first virtual thread: nothing above started one
            System.setProperty(PARALLELISM, Integer.toString(carriersOf(carriers.get(name))));
        }
        System.setProperty("lab.program", "true");
        System.setProperty(ProgramNeeds.PROGRAM, name);
        System.setProperty(ProgramNeeds.NEEDS, needs.getOrDefault(name, ""));
        Object command = Class.forName(programs.get(name)).getDeclaredConstructor().newInstance();
        int code = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // Learner code that is still a stub: what the program needs, and stop.
                    dev.netlab.kit.StubException stub = dev.netlab.kit.StubReached.find(e);
                    if (stub != null) {
                        ProgramNeeds.stop(stub);
                    }
                    // A missing privilege or tool is a message, not a stack trace.
                    if (e instanceof IllegalStateException || e instanceof java.io.IOException) {
                        cmd.getErr().println(name + ": " + e.getMessage());
                        return 1;
                    }
                    throw e;
                })
                .execute(rest);
        System.exit(code);
    }
}
