package dev.netlab.kit.doc;

import dev.netlab.kit.Lab;
import dev.netlab.kit.Require;
import dev.netlab.kit.tools.LineDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The documentation test of a lesson: every command block the lesson tells the learner to run
 * is run, from the folder the lesson says, and its output compared with the lesson's, so a
 * lesson cannot drift from the code. Blocks are marked with an HTML comment on the line before
 * the fence ({@code <!-- lab-doc: run dir=. mask=time,port -->}); the conventions are in
 * lab-kit/README.md, "Lessons that run". A day's test:
 *
 * <pre>{@code
 * class LessonDocTest {
 *     @TestFactory
 *     Stream<DynamicTest> lesson() {
 *         return LessonDoc.tests("day3-http11/README.md");
 *     }
 * }
 * }</pre>
 *
 * Lessons run on the solutions track ({@code -Psolutions}, as in CI's verify): their outputs are
 * the reference's. On the exercises track the factory yields one test saying so.
 */
public final class LessonDoc {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration BACKGROUND_GRACE = Duration.ofSeconds(15);
    /** {@code kill %1}, {@code kill -INT %2}: a signal to one of the block's background commands. */
    private static final Pattern KILL_JOB = Pattern.compile("kill(?: -(?:s )?(INT|TERM|KILL|HUP))? %(\\d+)(?:\\s+#.*)?");

    /** tshark's warning when it runs as root (CI does; a learner's capture group does not). */
    private static final Pattern ALWAYS_IGNORED = Pattern.compile("^Running as user \"root\" and group \"root\"\\. This could be dangerous\\.$");

    private LessonDoc() {}

    /** One dynamic test per fenced block of {@code lesson} (a path from the project's root), in order. */
    public static Stream<DynamicTest> tests(String lesson) {
        Path root = Lab.root();
        Path file = root.resolve(lesson);
        if (!Lab.track().equals("solutions")) {
            return Stream.of(DynamicTest.dynamicTest(lesson + ": lessons are run on the solutions track (-Psolutions)", () -> {}));
        }
        List<DocBlock> blocks;
        try {
            blocks = DocBlock.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DocSession session = new DocSession(root);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(lesson + ": every command block is marked", () -> unmarked(blocks)));
        for (DocBlock b : blocks) {
            if (b.marker().isEmpty()) {
                continue;
            }
            DocMarker m = b.marker().get();
            String first = b.body().isEmpty() ? "" : b.body().getFirst();
            String name = b.where() + " " + (m.kind().equals("skip") ? "not run (" + m.option("reason").orElse("") + "): " : "")
                    + (first.length() > 80 ? first.substring(0, 77) + "..." : first);
            tests.add(DynamicTest.dynamicTest(name, () -> run(session, b, m)));
        }
        return tests.stream().onClose(() -> {
            try {
                session.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void unmarked(List<DocBlock> blocks) {
        List<String> missing = new ArrayList<>();
        for (DocBlock b : blocks) {
            if (b.marker().isEmpty() && b.looksLikeCommands()) {
                missing.add("  " + b.where() + ": " + b.body().getFirst());
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("command blocks without a lab-doc marker (run it, or say why not:"
                    + " <!-- lab-doc: skip reason=\"...\" -->; see lab-kit/README.md#lessons-that-run):\n"
                    + String.join("\n", missing));
        }
    }

    private static void run(DocSession session, DocBlock block, DocMarker m) throws Exception {
        if (m.kind().equals("skip")) {
            return;
        }
        for (String need : m.list("needs")) {
            requirement(need);
        }
        if (m.flag("sandbox")) {
            Require.namespaces();
            Require.tool("unshare");
            Require.tool("nsenter");
        }
        Path dir = session.root().resolve(m.option("dir").orElse(".")).normalize();
        for (String server : m.list("server")) {
            session.server(server, Integer.parseInt(m.option("port").orElse("8080")));
        }
        DocMasks masks = new DocMasks(m.list("mask"), m.list("mask-re"));
        List<Pattern> ignore = m.list("ignore").stream().map(Pattern::compile).toList();
        Duration timeout = m.option("timeout").map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(DEFAULT_TIMEOUT);
        String exit = m.option("exit").orElse("0");
        int interruptBefore = Integer.parseInt(m.option("interrupt-before").orElse("0"));
        boolean prompts = m.kind().equals("run");

        List<DocBlock.Command> commands = block.commands(prompts);
        List<String> expected = new ArrayList<>();
        List<String> actual = new CopyOnWriteArrayList<>();
        List<DocSession.Job> background = new ArrayList<>();
        List<DocSession.Job> started = new ArrayList<>();
        Map<Integer, Integer> portsBefore = session.ports();
        try {
        for (int i = 0; i < commands.size(); i++) {
            DocBlock.Command c = commands.get(i);
            if (i + 1 == interruptBefore) {
                stop(background);
            }
            List<String> shown = List.of(("$ " + c.text() + (c.background() ? " &" : "")).split("\n"));
            expected.addAll(shown);
            expected.addAll(c.expected());
            actual.addAll(shown);
            String real = session.toReal(c.text());
            Matcher kill = KILL_JOB.matcher(c.text());
            if (kill.matches()) {
                // the shell's job control: %N is the block's N-th background command
                int n = Integer.parseInt(kill.group(2));
                if (n < 1 || n > started.size()) {
                    throw new AssertionError(block.where() + ": `" + c.text() + "`: the block has " + started.size() + " background command(s)");
                }
                DocSession.Job job = started.get(n - 1);
                job.signal(kill.group(1) == null ? "TERM" : kill.group(1));
                if (!job.await(BACKGROUND_GRACE)) {
                    job.signal("KILL");
                    throw new AssertionError(block.where() + ": `" + c.text() + "`: the job did not end within " + BACKGROUND_GRACE);
                }
                Thread.sleep(200); // its last lines
                continue;
            }
            if (c.background()) {
                int lessonPort = DocSession.fixedPort(real);
                int from = actual.size();
                DocSession.Job job = session.start(DocSession.direct(DocSession.withFreePort(real)), dir, m.flag("sandbox"), actual);
                started.add(job);
                background.add(job);
                awaitBackground(job, actual, m.option("ready").orElse(null), c.expected().size(), from);
                List<String> snapshot = List.copyOf(actual);
                List<String> printed = snapshot.subList(from, snapshot.size());
                session.learnPort(lessonPort, printed);
                session.learnPort(c.expected(), printed);
                continue;
            }
            List<String> out = new CopyOnWriteArrayList<>();
            DocSession.Job job = session.start(DocSession.direct(real), dir, m.flag("sandbox"), out);
            if (!job.await(timeout)) {
                job.signal("KILL");
                throw new AssertionError(block.where() + ": `" + c.text() + "` did not finish within " + timeout
                        + "; output so far:\n" + String.join("\n", out));
            }
            Thread.sleep(20); // the output pump reads to the end of the stream
            job.await(Duration.ofSeconds(1));
            int code = job.process.exitValue();
            waitForPump(out, job);
            actual.addAll(out);
            if (!exit.equals("any") && !List.of(exit.split(",")).contains(Integer.toString(code))) {
                throw new AssertionError(block.where() + ": `" + c.text() + "` exited with " + code + " (the lesson expects "
                        + exit + "); its output:\n" + String.join("\n", out));
            }
        }
        stop(background);
        } finally {
            stop(background);
        }
        try {
            compare(session, block, m, prompts, expected, actual, masks, ignore);
        } finally {
            session.ports(portsBefore); // a block's own servers end with it, and so do their ports
        }
    }

    private static void compare(DocSession session, DocBlock block, DocMarker m, boolean prompts, List<String> expected,
            List<String> actual, DocMasks masks, List<Pattern> ignore) {
        if (!prompts) {
            return;
        }
        List<String> got = new ArrayList<>();
        for (String l : actual) {
            String lesson = session.toLesson(l);
            if (ignore.stream().noneMatch(p -> p.matcher(lesson).find()) && !ALWAYS_IGNORED.matcher(lesson).find()) {
                got.add(lesson);
            }
        }
        List<String> want = masks.apply(expected);
        List<String> have = masks.apply(got);
        if (!DocMatch.matches(want, have)) {
            throw new AssertionError(block.where() + ": the output differs from the lesson's (masks: "
                    + String.join(",", m.list("mask")) + (m.list("mask-re").isEmpty() ? "" : " + " + m.list("mask-re"))
                    + "; a line \"...\" stands for any lines). Update the lesson or fix the code:\n"
                    + LineDiff.unified("lesson " + block.where(), want, "this run", have, 3));
        }
    }

    private static void waitForPump(List<String> out, DocSession.Job job) throws InterruptedException {
        // The pump thread ends at the output's end, shortly after the process. Waiting for "no new line
        // in 25 ms" instead lost a whole command's output when that thread had not run yet (3 of 300
        // short commands at a load of 15-21), so wait for its end; only a child that keeps the output
        // open past the command makes that wait time out, and then the lines settle as before.
        if (job.drained(Duration.ofSeconds(5))) {
            return;
        }
        int last = -1;
        for (int i = 0; i < 20 && out.size() != last; i++) {
            last = out.size();
            Thread.sleep(25);
        }
    }

    /**
     * Waits until a background command printed what the lesson shows for it (that many lines),
     * or a line matching {@code ready}, or ended; at most a minute.
     */
    private static void awaitBackground(DocSession.Job job, List<String> sink, String ready, int shownLines, int from)
            throws InterruptedException {
        Pattern p = ready == null ? null : Pattern.compile(ready);
        long deadline = System.nanoTime() + DocSession.READY_WAIT.toNanos();
        while (System.nanoTime() < deadline && job.process.isAlive()) {
            List<String> since = sink.subList(Math.min(from, sink.size()), sink.size());
            if (p != null ? since.stream().anyMatch(l -> p.matcher(l).find()) : since.size() >= shownLines) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static void stop(List<DocSession.Job> background) throws InterruptedException {
        for (DocSession.Job j : background) {
            if (j.process.isAlive()) {
                j.interrupt(BACKGROUND_GRACE);
            }
        }
        background.clear();
        Thread.sleep(100); // the last lines of their output
    }

    private static void requirement(String need) {
        if (need.equals("root")) {
            Require.namespaces();
        } else if (need.equals("capture")) {
            Require.captureAccess();
        } else if (need.startsWith("tool:")) {
            Require.tool(need.substring(5));
        } else if (need.startsWith("conformance:")) {
            Require.conformance(need.substring(12));
        } else {
            throw new IllegalArgumentException("unknown need '" + need + "' (root, capture, tool:NAME, conformance:PATH)");
        }
    }
}
