package dev.netlab.kit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the progress report after a module's test run and writes
 * {@code target/lab/checkpoints.json}. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}, so every
 * module that has lab-kit on its test class path gets it; a run without checkpoints
 * prints nothing.
 */
public final class ProgressListener implements TestExecutionListener {

    /** What we know about one checkpoint while the plan runs. */
    private static final class Tally {
        final Checkpoint checkpoint;
        int passed;
        int failed;
        int aborted;
        String failure;
        String skip;

        Tally(Checkpoint checkpoint) {
            this.checkpoint = checkpoint;
        }
    }

    /** One line of {@code target/lab/tests.json}, read by the stub audit. */
    public record TestOutcome(String uniqueId, String name, String checkpoint, String status, String reason) {}

    private final Path labDir;
    private final PrintStream out;
    private TestPlan plan;
    private final List<TestOutcome> tests = new ArrayList<>();
    private final Map<String, Tally> byUniqueId = new LinkedHashMap<>();

    /** The one the JUnit Platform loads: writes to the module's {@code target/lab}, prints to stdout. */
    public ProgressListener() {
        this(null, null);
    }

    /** For lab-kit's own tests: another folder and stream. */
    ProgressListener(Path labDir, PrintStream out) {
        this.labDir = labDir;
        this.out = out;
    }

    private Path labDir() {
        return labDir != null ? labDir : Lab.labDir();
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
        byUniqueId.clear();
        tests.clear();
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier id : testPlan.getDescendants(root)) {
                checkpointOf(id).ifPresent(cp -> byUniqueId.put(id.getUniqueId(), new Tally(cp)));
            }
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        tests.add(new TestOutcome(id.getUniqueId(), nameOf(id),
                tallyFor(id).map(t -> t.checkpoint.id()).orElse(null), CheckpointResult.SKIPPED, "disabled: " + reason));
        tallyFor(id).ifPresent(t -> {
            t.aborted++;
            if (t.skip == null) {
                t.skip = "disabled: " + reason;
            }
        });
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Optional<Tally> tally = tallyFor(id);
        if (id.isTest() || result.getStatus() == TestExecutionResult.Status.FAILED) {
            String status = switch (result.getStatus()) {
                case SUCCESSFUL -> CheckpointResult.PASSED;
                case ABORTED -> CheckpointResult.SKIPPED;
                case FAILED -> CheckpointResult.FAILED;
            };
            String reason = result.getThrowable().map(ProgressListener::reason).orElse("");
            tests.add(new TestOutcome(id.getUniqueId(), nameOf(id),
                    tally.map(t -> t.checkpoint.id()).orElse(null), status, reason));
        }
        if (tally.isEmpty()) {
            return;
        }
        Tally t = tally.get();
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                if (id.isTest()) {
                    t.passed++;
                }
            }
            case ABORTED -> {
                t.aborted++;
                if (t.skip == null) {
                    t.skip = result.getThrowable().map(ProgressListener::firstLine).orElse("aborted");
                }
            }
            case FAILED -> {
                t.failed++;
                if (t.failure == null) {
                    t.failure = result.getThrowable().map(ProgressListener::reason).orElse("failed");
                }
            }
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        try {
            write(labDir().resolve("tests.json"), tests);
        } catch (IOException e) {
            System.err.println("netlab: could not write tests.json: " + e);
        }
        if (byUniqueId.isEmpty()) {
            return;
        }
        List<CheckpointResult> results = results();
        try {
            write(labDir().resolve("checkpoints.json"), results);
        } catch (IOException e) {
            System.err.println("netlab: could not write checkpoints.json: " + e);
        }
        String report = ProgressReport.render(Lab.module(), Lab.track(), results, Evidence.saved());
        try {
            Files.writeString(labDir().resolve("report.txt"), report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("netlab: could not write report.txt: " + e);
        }
        PrintStream print = out != null ? out : new PrintStream(System.out, true, StandardCharsets.UTF_8);
        print.print(report);
        print.flush();
    }

    /** The checkpoints of this run, ordered by id, one per checkpoint id. */
    List<CheckpointResult> results() {
        Map<String, CheckpointResult> byId = new LinkedHashMap<>();
        for (Tally t : byUniqueId.values()) {
            Checkpoint cp = t.checkpoint;
            String status;
            String reason;
            if (t.failed > 0) {
                status = CheckpointResult.FAILED;
                reason = t.failure;
            } else if (t.aborted > 0) {
                status = CheckpointResult.SKIPPED;
                reason = t.skip;
            } else if (t.passed > 0) {
                status = CheckpointResult.PASSED;
                reason = "";
            } else {
                status = CheckpointResult.FAILED;
                reason = "did not run (its test class failed before any test started)";
            }
            CheckpointResult r = new CheckpointResult(cp.id(), cp.title(), status, reason,
                    List.of(cp.edit()), cp.hint(), cp.readme());
            byId.merge(cp.id(), r, ProgressListener::worse);
        }
        List<CheckpointResult> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparing(CheckpointResult::id));
        return list;
    }

    private static CheckpointResult worse(CheckpointResult a, CheckpointResult b) {
        return rank(b.status()) > rank(a.status()) ? b : a;
    }

    private static int rank(String status) {
        return switch (status) {
            case CheckpointResult.FAILED -> 2;
            case CheckpointResult.SKIPPED -> 1;
            default -> 0;
        };
    }

    static void write(Path file, List<?> results) throws IOException {
        Files.createDirectories(file.getParent());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(file.toFile(), results);
    }

    /** {@code SimpleClass#method [display name]} for reports. */
    private static String nameOf(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isPresent() && source.get() instanceof MethodSource ms) {
            String cls = ms.getClassName().substring(ms.getClassName().lastIndexOf('.') + 1);
            String base = cls + "#" + ms.getMethodName();
            return isMethodNode(id) ? base : base + " " + id.getDisplayName();
        }
        if (source.isPresent() && source.get() instanceof ClassSource cs) {
            return cs.getClassName().substring(cs.getClassName().lastIndexOf('.') + 1);
        }
        return id.getDisplayName();
    }

    private Optional<Tally> tallyFor(TestIdentifier id) {
        for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
            Tally t = byUniqueId.get(at.get().getUniqueId());
            if (t != null) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The {@link Checkpoint} on a test method or class, if any. */
    static Optional<Checkpoint> checkpointOf(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isEmpty()) {
            return Optional.empty();
        }
        AnnotatedElement element = null;
        try {
            if (source.get() instanceof MethodSource ms && isMethodNode(id)) {
                Class<?> c = Class.forName(ms.getClassName(), false, loader());
                element = findMethod(c, ms.getMethodName());
            } else if (source.get() instanceof ClassSource cs && id.isContainer()) {
                element = Class.forName(cs.getClassName(), false, loader());
            }
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        return element == null ? Optional.empty() : Optional.ofNullable(element.getAnnotation(Checkpoint.class));
    }

    /** A method source is reported by the method node and by each invocation of a template; take the method node. */
    private static boolean isMethodNode(TestIdentifier id) {
        String uid = id.getUniqueId();
        int last = uid.lastIndexOf("/[");
        String segment = last >= 0 ? uid.substring(last + 2) : uid;
        return segment.startsWith("method:") || segment.startsWith("test-template:")
                || segment.startsWith("test-factory:");
    }

    private static Method findMethod(Class<?> c, String name) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            Optional<Method> m = Arrays.stream(k.getDeclaredMethods()).filter(x -> x.getName().equals(name)).findFirst();
            if (m.isPresent()) {
                return m.get();
            }
        }
        return null;
    }

    private static ClassLoader loader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : ProgressListener.class.getClassLoader();
    }

    /** The reason to show for a failure: a stub's message wins over whatever wrapped it. */
    static String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StubException) {
                return c.getMessage();
            }
        }
        return firstLine(t);
    }

    static String firstLine(Throwable t) {
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            return t.getClass().getSimpleName();
        }
        // AssertJ spreads "expected ... but was ..." over several lines: keep the first few.
        String line = String.join(" ", msg.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).limit(4).toList());
        if (line.length() > 300) {
            line = line.substring(0, 297) + "...";
        }
        if (t instanceof AssertionError || t.getClass().getName().startsWith("org.opentest4j.")) {
            return line;
        }
        return t.getClass().getSimpleName() + ": " + line;
    }
}
