package dev.netlab.kit.doc;

import dev.netlab.kit.Lab;
import dev.netlab.kit.launch.Launcher;
import dev.netlab.kit.launch.ProgramProcess;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state one lesson's blocks share, like a learner's terminal: the programs started for
 * {@code server=} blocks, the lesson's ports mapped to the ones really bound, and the private
 * network and mount namespaces of {@code sandbox} blocks. Closing it stops all of them.
 */
final class DocSession implements AutoCloseable {
    static final Duration READY_WAIT = Duration.ofSeconds(60);
    private static final Pattern READY_PORT = Pattern.compile("^READY \\w+://[^/\\s]*:(\\d+)");
    /** A URL's port: {@code http://127.0.0.1:8080/}, {@code wss://localhost:8443}. */
    private static final Pattern URL_PORT = Pattern.compile("\\w+://[^/\\s]*:(\\d+)");
    private static final Pattern PORT_OPTION = Pattern.compile("--port[ =](\\d+)");

    private final Path root;
    private final Map<String, Job> servers = new LinkedHashMap<>();
    private final Map<String, ProgramProcess> programs = new LinkedHashMap<>();
    /** the lesson's port -> the port really bound */
    private final Map<Integer, Integer> ports = new LinkedHashMap<>();
    private Process sandbox;

    DocSession(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** A command run as a learner would: bash, in its own process group, stdout and stderr merged. */
    final class Job {
        final Process process;
        final List<String> lines;

        Job(String command, Path dir, boolean inSandbox, List<String> sink) throws IOException {
            List<String> argv = new ArrayList<>(List.of("setsid"));
            if (inSandbox) {
                argv.addAll(List.of("nsenter", "-t", Long.toString(sandbox().pid()), "-n", "-m", "--"));
            }
            argv.addAll(List.of("bash", "-c", command));
            ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("LAB_DOC", "1");
            this.process = pb.start();
            this.lines = sink;
            this.pump = Thread.ofPlatform().daemon().name("lab-doc-output").start(() -> pump(process.getInputStream(), sink));
        }

        /** The thread that copies the command's output into {@link #lines}; it ends at the output's end. */
        private final Thread pump;

        /**
         * Waits until every line the command printed is in {@link #lines} (its output reached its end),
         * at most {@code timeout}; false if it did not (a child still holds the output open).
         */
        boolean drained(Duration timeout) throws InterruptedException {
            return pump.join(timeout);
        }

        boolean await(Duration timeout) throws InterruptedException {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Ctrl-C for the whole process group, as a terminal sends it; then SIGKILL after the grace. */
        void interrupt(Duration grace) throws InterruptedException {
            signal("INT");
            if (!await(grace)) {
                signal("KILL");
                await(Duration.ofSeconds(5));
            }
        }

        void signal(String sig) {
            // Ctrl-C's SIGINT, unless this build inherited it ignored: a shell starts a background
            // job (`cmd &`, nohup, a CI runner's detached step) with SIGINT and SIGQUIT ignored,
            // every child inherits that, and the JVM then installs no SIGINT handler at all
            // (seen: the lesson's `kill -INT %1` never ended a server started from such a build).
            // SIGTERM runs the same shutdown hooks, so the lesson's output is the same.
            String effective = sig.equals("INT") && sigintIgnored() ? "TERM" : sig;
            try {
                new ProcessBuilder("kill", "-" + effective, "--", "-" + process.pid()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether this JVM (and so every process it starts) has SIGINT ignored: bit 2 of SigIgn in /proc/self/status. */
    static boolean sigintIgnored() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0b10) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the signal as asked
        }
        return false;
    }

    private static void pump(InputStream in, List<String> sink) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                sink.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    Job start(String command, Path dir, boolean inSandbox, List<String> sink) throws IOException {
        return new Job(command, dir, inSandbox, sink);
    }

    /**
     * The private namespaces of {@code sandbox} blocks: a new network namespace (only {@code lo}) and
     * a mount namespace with its own {@code /run/netns}, so {@code ip netns add demo-a} and
     * {@code ip link add veth-a ...} neither see nor disturb the machine's. Made on first use.
     */
    private synchronized Process sandbox() throws IOException {
        if (sandbox == null) {
            sandbox = new ProcessBuilder("unshare", "--net", "--mount", "--propagation", "private", "--",
                    "bash", "-c", "mkdir -p /run/netns && mount -t tmpfs lab-doc /run/netns && ip link set lo up"
                    + " && echo ready && exec sleep 86400")
                    .redirectErrorStream(true).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
            String first = r.readLine();
            if (!"ready".equals(first)) {
                throw new IOException("could not make the lesson's private namespaces (unshare): " + first);
            }
        }
        return sandbox;
    }

    /**
     * The program of a {@code server=} option, started once for the lesson on a free port. The
     * lesson's {@code ./lab run <this module> ... --solutions} starts from the test's own class
     * path when the test runs on the solutions track (no Maven build inside the build); any other
     * command runs as written, with {@code --port 0}.
     */
    void server(String command, int lessonPort) throws IOException, InterruptedException {
        if (servers.containsKey(command) || programs.containsKey(command)) {
            return;
        }
        String url;
        LabRun run = LabRun.of(command);
        if (run != null) {
            List<String> args = new ArrayList<>(run.args());
            args.addAll(List.of("--port", "0"));
            ProgramProcess p = ProgramProcess.start(run.program(), args.toArray(String[]::new));
            programs.put(command, p);
            url = p.awaitReady(READY_WAIT);
        } else {
            String withPort = command.contains(" -- ") ? command + " --port 0" : command + " -- --port 0";
            List<String> sink = new CopyOnWriteArrayList<>();
            Job job = start(withPort, root, false, sink);
            servers.put(command, job);
            url = awaitReadyLine(job, READY_WAIT);
        }
        Matcher m = Pattern.compile(":(\\d+)").matcher(url.replaceFirst("^\\w+://", ""));
        if (!m.find()) {
            throw new IOException("READY line without a port: " + url);
        }
        ports.put(lessonPort, Integer.parseInt(m.group(1)));
    }

    /**
     * A lesson's {@code ./lab run <this module> [program] --solutions [-- args]} when this test runs
     * on the solutions track (a trailing {@code # comment} dropped), or null for any other command.
     */
    record LabRun(String program, List<String> args) {
        static LabRun of(String command) {
            List<String> words = List.of(command.replaceFirst("\\s+#[^'\"]*$", "").strip().split("\\s+"));
            if (words.size() < 3 || !words.get(0).equals("./lab") || !words.get(1).equals("run")
                    || !words.get(2).equals(Lab.module()) || !words.contains("--solutions") || !Lab.track().equals("solutions")) {
                return null;
            }
            List<String> rest = words.subList(3, words.size());
            List<String> args = new ArrayList<>();
            int dash = rest.indexOf("--");
            if (dash >= 0) {
                args.addAll(rest.subList(dash + 1, rest.size()));
                rest = rest.subList(0, dash);
            }
            String program = null;
            for (String w : rest) {
                if (!w.startsWith("-")) {
                    program = w;
                }
            }
            try {
                return new LabRun(program != null ? program : defaultProgram(), List.copyOf(args));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static String defaultProgram() throws IOException {
        Properties p = new Properties();
        try (InputStream in = DocSession.class.getClassLoader().getResourceAsStream("META-INF/netlab/programs.properties")) {
            if (in == null) {
                throw new IOException("no META-INF/netlab/programs.properties on the class path");
            }
            p.load(in);
        }
        return p.getProperty("default");
    }

    static String awaitReadyLine(Job job, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String l : job.lines) {
                if (l.startsWith("READY ")) {
                    return l.substring(6).strip();
                }
            }
            if (!job.process.isAlive()) {
                Thread.sleep(100);
                for (String l : job.lines) {
                    if (l.startsWith("READY ")) {
                        return l.substring(6).strip();
                    }
                }
                throw new IOException("the program ended without a READY line:\n" + String.join("\n", job.lines));
            }
            Thread.sleep(50);
        }
        throw new IOException("no READY line within " + timeout + ":\n" + String.join("\n", job.lines));
    }

    /**
     * A lesson's {@code ./lab run <this module> [program] --solutions [-- args]} as the JVM that
     * {@code ./lab} would start, on the test's own class path (the solutions track, already
     * compiled): the same program and output in a second instead of a nested Maven build that
     * would also write to the target folder of the build running this test. Any other command
     * is returned as it is.
     */
    static String direct(String command) {
        List<String> words = List.of(command.replaceFirst("\\s+#[^'\"]*$", "").strip().split("\\s+"));
        if (words.size() >= 2 && words.get(0).equals("./lab") && TOOLS.contains(words.get(1))
                && !shellSyntax(command)) {
            // the learner's tools: what ./lab's kit_tool runs, on lab-kit's classes of this class path
            StringBuilder sb = new StringBuilder("exec ").append(Path.of(System.getProperty("java.home"), "bin", "java"))
                    .append(" -Dlab.root=").append(quote(Lab.root().toString()))
                    .append(" -cp ").append(quote(System.getProperty("java.class.path"))).append(" dev.netlab.kit.tools.LabTool");
            for (String w : words.subList(1, words.size())) {
                sb.append(' ').append(w);
            }
            return sb.toString();
        }
        LabRun run = shellSyntax(command) ? null : LabRun.of(command);
        if (run == null) {
            return command;
        }
        List<String> cmd = new ArrayList<>(List.of("exec", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        for (String p : List.of("lab.root", "lab.module", "lab.track")) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(), run.program()));
        cmd.addAll(run.args());
        StringBuilder sb = new StringBuilder();
        for (String c : cmd) {
            sb.append(sb.isEmpty() ? "" : " ").append(c.equals("exec") ? c : quote(c));
        }
        return sb.toString();
    }

    /** A pipe, redirection or list: the command stays with bash as written. */
    private static boolean shellSyntax(String command) {
        return command.contains("|") || command.contains(">") || command.contains(";") || command.contains("&&");
    }

    /** The {@code ./lab} commands that run lab-kit's LabTool and nothing else. */
    private static final List<String> TOOLS = List.of("ladder", "hint", "progress");

    private static String quote(String s) {
        return s.matches("[\\w./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** A background command's {@code --port N}, remembered so the lesson's N maps to the port really bound. */
    static int fixedPort(String command) {
        Matcher m = PORT_OPTION.matcher(command);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * A background server on a free port: its {@code --port N} becomes {@code --port 0}; a
     * {@code ./lab run} without {@code --port} gets one (its program's default port may be taken).
     */
    static String withFreePort(String command) {
        if (PORT_OPTION.matcher(command).find()) {
            return PORT_OPTION.matcher(command).replaceFirst("--port 0");
        }
        if (command.startsWith("./lab run ")) {
            return command.contains(" -- ") ? command + " --port 0" : command + " -- --port 0";
        }
        return command;
    }

    Map<Integer, Integer> ports() {
        return new LinkedHashMap<>(ports);
    }

    void ports(Map<Integer, Integer> restore) {
        ports.clear();
        ports.putAll(restore);
    }

    /** Learns lesson port -> real port from a background job's READY line. */
    void learnPort(int lessonPort, List<String> lines) {
        if (lessonPort == 0) {
            return;
        }
        for (String l : lines) {
            Matcher m = READY_PORT.matcher(l);
            if (m.find()) {
                ports.put(lessonPort, Integer.parseInt(m.group(1)));
                return;
            }
        }
    }

    /**
     * Learns lesson port -> real port from the lines the lesson shows for a background command and
     * the ones it printed: each lesson line with a URL ({@code READY https://127.0.0.1:8443/}, and
     * any other, e.g. {@code redirect: http://127.0.0.1:8080/ -> https}) is paired with the next
     * printed line whose text before the port is the same.
     */
    void learnPort(List<String> lessonLines, List<String> actualLines) {
        int from = 0;
        for (String l : lessonLines) {
            Matcher m = URL_PORT.matcher(l);
            if (!m.find()) {
                continue;
            }
            String before = l.substring(0, m.start(1));
            for (int j = from; j < actualLines.size(); j++) {
                String a = actualLines.get(j);
                Matcher n = URL_PORT.matcher(a);
                if (n.find() && a.substring(0, n.start(1)).equals(before)) {
                    ports.put(Integer.parseInt(m.group(1)), Integer.parseInt(n.group(1)));
                    from = j + 1;
                    break;
                }
            }
        }
    }

    /** The command with the lesson's ports replaced by the real ones. */
    String toReal(String command) {
        String s = command;
        for (Map.Entry<Integer, Integer> e : ports.entrySet()) {
            s = s.replaceAll("(?<![\\d.])" + e.getKey() + "(?!\\d)", Integer.toString(e.getValue()));
        }
        return s;
    }

    /** A line of output with the real ports put back to the lesson's. */
    String toLesson(String line) {
        String s = line;
        for (Map.Entry<Integer, Integer> e : ports.entrySet()) {
            s = s.replaceAll("(?<!\\d)" + e.getValue() + "(?!\\d)", Integer.toString(e.getKey()));
        }
        return s;
    }

    @Override
    public void close() throws InterruptedException {
        for (Job j : servers.values()) {
            j.interrupt(Duration.ofSeconds(10));
        }
        for (ProgramProcess p : programs.values()) {
            p.close();
        }
        servers.clear();
        programs.clear();
        if (sandbox != null) {
            sandbox.destroyForcibly();
            sandbox.waitFor(5, TimeUnit.SECONDS);
            sandbox = null;
        }
    }
}
