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
 * {@code target/lab/checkpoints.json} ({@link ProgressFile}) and {@code tests.json}. Registered
 * through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}, so every
 * module that has lab-kit on its test class path gets it; a run without checkpoints
 * prints nothing.
 *
 * <p>A run that did not run every checkpoint of the day ({@code -Dtest=...},
 * {@code ./lab test day1-link-ip 1.04}, an IDE running one class or method) is <em>filtered</em>:
 * it updates only the checkpoints it ran in full and keeps the others' earlier results on the
 * same track; a checkpoint of which only some tests ran can fail but never pass.
 *
 * <p>Under Maven the report is printed by {@link ProgressGate} after Surefire's own summary
 * ({@code -Dlab.report.deferred=true}), so it is the last screen of the run; elsewhere (an
 * IDE) the listener prints it itself.
 */
public final class ProgressListener implements TestExecutionListener {

    /** What we know about one checkpoint while the plan runs. */
    private static final class Tally {
        final Checkpoint checkpoint;
        final TestIdentifier node;
        int passed;
        int failed;
        int aborted;
        int tests;
        int testsPassed;
        String failure;
        CheckpointResult.Failure failureDetail;
        String skip;

        Tally(Checkpoint checkpoint, TestIdentifier node) {
            this.checkpoint = checkpoint;
            this.node = node;
        }
    }

    /**
     * One line of {@code target/lab/tests.json}, read by the stub audit; {@code millis} is the
     * test's wall time from start to finish (0 when it was skipped), for finding where a run's time goes.
     */
    public record TestOutcome(String uniqueId, String name, String checkpoint, String status, String reason, long millis) {}

    private final Path labDir;
    private final PrintStream out;
    private final CheckpointCatalog catalog;
    private final boolean deferred;
    private LearnerCode learnerCode;
    private TestPlan plan;
    private final List<TestOutcome> tests = new ArrayList<>();
    private final Map<String, Tally> byUniqueId = new LinkedHashMap<>();
    private final Map<String, Long> startedNanos = new java.util.concurrent.ConcurrentHashMap<>();

    /** The one the JUnit Platform loads: writes to the module's {@code target/lab}, prints to stdout. */
    public ProgressListener() {
        this(null, null, null, Boolean.getBoolean("lab.report.deferred"));
    }

    /** For lab-kit's own tests: another folder, stream and catalogue (null: the module's own). */
    ProgressListener(Path labDir, PrintStream out, CheckpointCatalog catalog, boolean deferred) {
        this.labDir = labDir;
        this.out = out;
        this.catalog = catalog;
        this.deferred = deferred;
    }

    private CheckpointCatalog catalog() {
        return catalog != null ? catalog : CheckpointCatalog.read(Lab.root(), Lab.module());
    }

    private LearnerCode learnerCode() {
        if (learnerCode == null) {
            learnerCode = LearnerCode.of(Lab.root(), Lab.module(), Lab.track());
        }
        return learnerCode;
    }

    private Path labDir() {
        return labDir != null ? labDir : Lab.labDir();
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
        byUniqueId.clear();
        tests.clear();
        startedNanos.clear();
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier id : testPlan.getDescendants(root)) {
                checkpointOf(id).ifPresent(cp -> byUniqueId.put(id.getUniqueId(), new Tally(cp, id)));
            }
        }
        try {
            // ProgressGate tells a test JVM that died mid-run from a run that never started
            Files.createDirectories(labDir());
            Files.writeString(labDir().resolve(ProgressGate.STARTED), java.time.Instant.now().toString());
            // ./lab test's run without Maven (FastTest) starts the next runs on this class path
            String classPath = System.getProperty("surefire.test.class.path");
            if (classPath != null && !classPath.isBlank()) {
                Files.writeString(labDir().resolve("test-classpath-" + Lab.track() + ".txt"), classPath);
            }
        } catch (IOException e) {
            System.err.println("netlab: could not write " + ProgressGate.STARTED + ": " + e);
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        tests.add(new TestOutcome(id.getUniqueId(), nameOf(id),
                tallyFor(id).map(t -> t.checkpoint.id()).orElse(null), CheckpointResult.SKIPPED, "disabled: " + reason, 0));
        tallyFor(id).ifPresent(t -> {
            t.aborted++;
            if (t.skip == null) {
                t.skip = "disabled: " + reason;
            }
        });
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        startedNanos.put(id.getUniqueId(), System.nanoTime());
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Long started = startedNanos.remove(id.getUniqueId());
        long millis = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        Optional<Tally> tally = tallyFor(id);
        boolean repeatedStub = result.getThrowable().filter(StubRepeated.class::isInstance).isPresent();
        if (id.isTest() || result.getStatus() == TestExecutionResult.Status.FAILED) {
            String status = repeatedStub ? CheckpointResult.FAILED : switch (result.getStatus()) {
                case SUCCESSFUL -> CheckpointResult.PASSED;
                case ABORTED -> CheckpointResult.SKIPPED;
                case FAILED -> CheckpointResult.FAILED;
            };
            String reason = result.getThrowable().map(ProgressListener::reason).orElse("");
            tests.add(new TestOutcome(id.getUniqueId(), nameOf(id),
                    tally.map(t -> t.checkpoint.id()).orElse(null), status, reason, millis));
        }
        if (tally.isEmpty()) {
            return;
        }
        Tally t = tally.get();
        if (id.isTest()) {
            t.tests++;
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                t.testsPassed++;
            }
        }
        if (repeatedStub) {
            t.failed++; // its first stub failure is the one reported
            return;
        }
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
                    t.failureDetail = result.getThrowable().map(e -> detail(id, e)).orElse(null);
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
        String track = Lab.track();
        ProgressFile progress = merge(results(), track);
        try {
            progress.write(ProgressFile.lastRun(labDir()));
            progress.write(ProgressFile.ofTrack(labDir(), track));
        } catch (IOException e) {
            System.err.println("netlab: could not write checkpoints.json: " + e);
        }
        String report = ProgressReport.render(progress, Evidence.saved(), labDir());
        try {
            ProgressFile.writeAtomically(labDir().resolve("report.txt"), report.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            System.err.println("netlab: could not write report.txt: " + e);
        }
        if (!deferred) {
            PrintStream print = out != null ? out : new PrintStream(System.out, true, StandardCharsets.UTF_8);
            print.print(report);
            print.flush();
        }
    }

    /**
     * This run's results put together with the day's catalogue: a whole run lists every
     * checkpoint (not-run ones too); a filtered run keeps the earlier results of the same track
     * for the checkpoints it did not run in full.
     */
    ProgressFile merge(List<CheckpointResult> ranNow, String track) {
        CheckpointCatalog cat = catalog();
        Map<String, CheckpointResult> now = new LinkedHashMap<>();
        boolean partial = false;
        for (CheckpointResult r : ranNow) {
            now.put(r.id(), r);
        }
        Map<String, Boolean> complete = completeness();
        for (var e : complete.entrySet()) {
            if (!e.getValue()) {
                partial = true;
                CheckpointResult r = now.get(e.getKey());
                if (r != null && !CheckpointResult.FAILED.equals(r.status())) {
                    now.remove(e.getKey()); // some of its tests ran and passed: that proves nothing yet
                }
            }
        }
        boolean filtered = partial || cat.entries().stream().anyMatch(e -> !ranNowIds(ranNow).contains(e.id()));
        Map<String, CheckpointResult> earlier = new LinkedHashMap<>();
        if (filtered) {
            ProgressFile.read(ProgressFile.ofTrack(labDir(), track))
                    .ifPresent(p -> p.checkpoints().forEach(c -> earlier.put(c.id(), c.kept())));
        }
        Map<String, CheckpointResult> all = new LinkedHashMap<>();
        for (CheckpointCatalog.Entry e : cat.entries()) {
            all.put(e.id(), earlier.getOrDefault(e.id(), CheckpointResult.notRun(e)));
        }
        all.putAll(now);
        List<CheckpointResult> list = new ArrayList<>(all.values());
        list.sort(Comparator.comparing(CheckpointResult::id, CheckpointCatalog::compareIds));
        return new ProgressFile(cat.module(), track, filtered, List.copyOf(now.keySet()),
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), list);
    }

    private static java.util.Set<String> ranNowIds(List<CheckpointResult> ranNow) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        ranNow.forEach(r -> ids.add(r.id()));
        return ids;
    }

    /**
     * Per checkpoint id: did every test method it declares run? A class checkpoint run with
     * {@code -Dtest=Class#method} did not.
     */
    private Map<String, Boolean> completeness() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Tally t : byUniqueId.values()) {
            boolean complete = true;
            if (t.node.getSource().orElse(null) instanceof ClassSource cs) {
                try {
                    Class<?> c = Class.forName(cs.getClassName(), false, loader());
                    long planned = plan.getDescendants(t.node).stream().filter(ProgressListener::isMethodNode)
                            .filter(d -> d.getSource().orElse(null) instanceof MethodSource).count();
                    complete = planned >= declaredTests(c);
                } catch (ClassNotFoundException | LinkageError e) {
                    complete = true;
                }
            }
            out.merge(t.checkpoint.id(), complete, Boolean::logicalAnd);
        }
        return out;
    }

    /** Test methods a class declares (inherited and in {@code @Nested} classes too). */
    static int declaredTests(Class<?> c) {
        int n = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (isTestable(m) && seen.add(m.getName() + Arrays.toString(m.getParameterTypes()))) {
                    n++;
                }
            }
        }
        for (Class<?> inner : c.getDeclaredClasses()) {
            if (inner.isAnnotationPresent(org.junit.jupiter.api.Nested.class)) {
                n += declaredTests(inner);
            }
        }
        return n;
    }

    private static boolean isTestable(Method m) {
        for (java.lang.annotation.Annotation a : m.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(org.junit.platform.commons.annotation.Testable.class)
                    || a.annotationType().isAnnotationPresent(org.junit.jupiter.api.TestTemplate.class)) {
                return true;
            }
        }
        return false;
    }

    /** The first failure in protocol terms: the test's description, the message, the learner's frame. */
    private CheckpointResult.Failure detail(TestIdentifier id, Throwable t) {
        String message = StubRepeated.stubMessage(t);
        if (message == null) {
            message = firstLine(t);
        }
        var frame = learnerCode().topFrame(t);
        return new CheckpointResult.Failure(description(id), message,
                frame.map(LearnerCode.Frame::at).orElse(null), frame.map(LearnerCode.Frame::file).orElse(null));
    }

    /** Display names from the test up to its top-level class, outermost first: "flags — [2] 02:00:5e:10:00:01". */
    private String description(TestIdentifier id) {
        List<String> names = new ArrayList<>();
        for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
            TestIdentifier n = at.get();
            TestSource src = n.getSource().orElse(null);
            if (src instanceof MethodSource) {
                names.addFirst(n.getDisplayName());
            } else if (src instanceof ClassSource cs && isNested(cs.getClassName())) {
                names.addFirst(n.getDisplayName());
            } else {
                break;
            }
        }
        return escapeControls(String.join(" — ", names));
    }

    /** A display name made from test data may hold CR, LF or other controls: shown as \\r, \\n, \\xNN. */
    static String escapeControls(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static boolean isNested(String className) {
        try {
            return Class.forName(className, false, loader()).isAnnotationPresent(org.junit.jupiter.api.Nested.class);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
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
                reason = t.failure != null ? t.failure : "failed";
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
            CheckpointResult r = new CheckpointResult(cp.id(), cp.title(), status, reason, t.tests, t.testsPassed,
                    CheckpointResult.FAILED.equals(status) ? t.failureDetail : null, true,
                    List.of(cp.edit()), cp.hint(), cp.readme());
            byId.merge(cp.id(), r, ProgressListener::worse);
        }
        List<CheckpointResult> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparing(CheckpointResult::id, CheckpointCatalog::compareIds));
        return list;
    }

    private static CheckpointResult worse(CheckpointResult a, CheckpointResult b) {
        CheckpointResult w = rank(b.status()) > rank(a.status()) ? b : a;
        return new CheckpointResult(w.id(), w.title(), w.status(), w.reason(), a.tests() + b.tests(),
                a.passedTests() + b.passedTests(), w.failure(), true, w.edit(), w.hint(), w.readme());
    }

    private static int rank(String status) {
        return switch (status) {
            case CheckpointResult.FAILED -> 2;
            case CheckpointResult.SKIPPED -> 1;
            default -> 0;
        };
    }

    static void write(Path file, Object results) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ProgressFile.writeAtomically(file, json.writeValueAsBytes(results));
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
        if (!(t instanceof StubRepeated)) {
            String stub = StubRepeated.stubMessage(t); // also inside an assertion's message
            if (stub != null) {
                return stub;
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
        if (t instanceof AssertionError || t instanceof StubRepeated || t.getClass().getName().startsWith("org.opentest4j.")) {
            return line;
        }
        return t.getClass().getSimpleName() + ": " + line;
    }
}
