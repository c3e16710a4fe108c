package dev.netlab.kit.fuzz;

import dev.netlab.kit.Evidence;
import dev.netlab.kit.Lab;
import dev.netlab.kit.StubException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * The rule every fuzz target of the lab checks on each input (lab-kit/README.md#fuzzing):
 * <ol>
 *   <li><b>only the protocol's typed errors escape</b> the decoder: returning, or throwing one of
 *       the allowed exception types, passes; any other exception or error is a finding;</li>
 *   <li><b>no hang</b>: each input is answered within a time bound (10 s). In a normal test run
 *       the rule runs the input on a thread of its own and fails when it has not returned in
 *       time; while fuzzing, Jazzer's per-input timeout does the same (the {@code fuzz} profile of
 *       the root pom sets it);</li>
 *   <li><b>no allocation sized by an untrusted length</b>: the heap one input makes the decoder
 *       allocate stays under a budget that does not depend on the lengths the input claims
 *       (by default 1 MiB plus 64 octets per input octet), measured per thread by the JVM. A
 *       second opinion the body consults ({@link #secondOpinion}: pcap4j, another decoder in the
 *       test scope) is not charged: the budget is the decoder's. While fuzzing, a small heap
 *       ({@code -Xmx256m}) turns a huge allocation into an {@link OutOfMemoryError}, which is a
 *       finding too.</li>
 * </ol>
 * A stub ({@link StubException}) is not a finding: in a test run its "not implemented yet"
 * message fails the first input (fuzz test classes belong to their decoder's checkpoint) and
 * the target's other inputs are skipped with the same message; while
 * fuzzing the rule prints that message once and stops the fuzzer without writing a crash
 * file, so a learner's half-written day never fills the inputs folder with stubs.
 *
 * <pre>{@code
 * @Checkpoint(id = "3.05", ...)                       // the decoder's own checkpoint
 * class RequestParserFuzzTest {
 *     @RegisterExtension                                // names the failing input file
 *     static final FuzzRule RULE = FuzzRule.allowing("RequestParser", HttpException.class);
 *
 *     @FuzzTest(maxDuration = "10m")
 *     void parse(byte[] input) {
 *         RULE.check(() -> parseAll(input));
 *     }
 * }
 * }</pre>
 */
public final class FuzzRule implements BeforeEachCallback, TestExecutionExceptionHandler {
    /** What a fuzz target may do in its body; checked exceptions are judged like any other. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** Per-input time bound; the root pom's {@code fuzz} profile gives Jazzer the same. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(10);
    /** Allocation budget per input, plus {@link #DEFAULT_BYTES_PER_INPUT_OCTET} per input octet. */
    public static final long DEFAULT_ALLOCATION_BASE = 1 << 20;
    public static final long DEFAULT_BYTES_PER_INPUT_OCTET = 64;
    /** The exit status of a fuzzing JVM stopped on a stub; {@code ./lab fuzz} reads it. */
    public static final int STUB_EXIT_STATUS = 86;
    /** The line a fuzzing JVM stopped on a stub prints first; {@code ./lab fuzz} reads it. */
    public static final String STUB_MARKER = "netlab fuzz: stopped at a stub: ";

    private static final com.sun.management.ThreadMXBean THREADS = threads();
    /** Heap the second opinions of the input being measured on this thread allocated (see {@link #secondOpinion}). */
    private static final ThreadLocal<Meter> METER = ThreadLocal.withInitial(Meter::new);

    private final String decoder;
    private final List<Class<? extends Throwable>> allowed;
    private final Duration timeLimit;
    private final long allocationBase;
    private final long bytesPerOctet;
    /** The input the running invocation feeds (Jazzer names each regression invocation after its file). */
    private final AtomicReference<Invocation> invocation = new AtomicReference<>();
    private final AtomicBoolean stubReported = new AtomicBoolean();

    private record Invocation(String inputName, Class<?> testClass, String method) {}

    private FuzzRule(String decoder, List<Class<? extends Throwable>> allowed, Duration timeLimit,
            long allocationBase, long bytesPerOctet) {
        this.decoder = decoder;
        this.allowed = allowed;
        this.timeLimit = timeLimit;
        this.allocationBase = allocationBase;
        this.bytesPerOctet = bytesPerOctet;
    }

    /**
     * @param decoder     what is fuzzed, in the words of the failure message ("RequestParser")
     * @param typedErrors the protocol's typed exception(s): the only ones allowed to escape
     */
    @SafeVarargs
    public static FuzzRule allowing(String decoder, Class<? extends Exception>... typedErrors) {
        return new FuzzRule(decoder, List.of(typedErrors), DEFAULT_TIME_LIMIT, DEFAULT_ALLOCATION_BASE,
                DEFAULT_BYTES_PER_INPUT_OCTET);
    }

    /** Another per-input time bound (test runs; while fuzzing Jazzer's timeout applies). */
    public FuzzRule timeLimit(Duration limit) {
        return new FuzzRule(decoder, allowed, limit, allocationBase, bytesPerOctet);
    }

    /**
     * Another allocation budget per input: {@code base} octets plus {@code perInputOctet} for
     * each octet of the input. Say in the target's Javadoc why it needs more than the default.
     */
    public FuzzRule allocationLimit(long base, long perInputOctet) {
        return new FuzzRule(decoder, allowed, timeLimit, base, perInputOctet);
    }

    /** Whether Jazzer is fuzzing now ({@code JAZZER_FUZZ} set) rather than running the kept inputs. */
    public static boolean fuzzing() {
        String env = System.getenv("JAZZER_FUZZ");
        String prop = System.getProperty("jazzer.fuzz", "");
        return (env != null && !env.isEmpty()) || prop.equalsIgnoreCase("true") || prop.equals("1");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        invocation.set(new Invocation(context.getDisplayName(), context.getRequiredTestClass(),
                context.getRequiredTestMethod().getName()));
    }

    /**
     * Jazzer wraps whatever a fuzz test throws in its {@code FuzzTestFindingException} (after it
     * has kept the input). A stub's message and the skip of the inputs after it are not findings,
     * and a finding reads best as the rule wrote it: each comes out unwrapped.
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        for (Throwable c = thrown; c != null; c = c.getCause()) {
            if (c instanceof TestAbortedException || c instanceof StubException) {
                throw c;
            }
        }
        if (thrown.getClass().getName().equals(JAZZER_FINDING) && thrown.getCause() != null) {
            throw thrown.getCause();
        }
        throw thrown;
    }

    private static final String JAZZER_FINDING = "com.code_intelligence.jazzer.junit.FuzzTestFindingException";

    /**
     * Runs one input through the decoder and judges the outcome by the rule. {@code inputLength}
     * sizes the allocation budget. The body builds its decoder itself and may run twice (see
     * the allocation check), so it must not depend on state left by an earlier call.
     */
    public void check(int inputLength, Body body) {
        long budget = allocationBase + bytesPerOctet * Math.max(0, inputLength);
        Outcome first = fuzzing() ? Outcome.measure(body) : runBounded(body);
        judge(first.thrown());
        if (first.allocated() > budget) {
            // The first run of a code path also pays for class initialisation and call-site
            // linkage; a decoder is deterministic, so a second run shows what the input costs.
            Outcome again = fuzzing() ? Outcome.measure(body) : runBounded(body);
            judge(again.thrown());
            if (again.allocated() > budget) {
                throw finding(decoder + " allocated " + again.allocated() + " octets of heap for an input of "
                        + inputLength + " octets (budget " + budget + "): an allocation sized by a length the input"
                        + " claims, not by what arrived? Check a length against a limit and the octets available"
                        + " before allocating (STYLE.md §9)", null);
            }
        }
    }

    /** {@link #check(int, Body)} for a target whose input is the byte array. */
    public void check(byte[] input, Body body) {
        check(input.length, body);
    }

    /**
     * Runs a second opinion inside {@link #check}'s body (pcap4j decoding the same octets, a
     * reference implementation in the test scope) without charging the heap it allocates to the
     * decoder's budget. The budget judges the code under test; another library's appetite is not
     * its finding: pcap4j 1.8 allocates a megabyte for a 20-octet DNS message whose header claims
     * 65,535 entries in each section (it sizes four lists by those counts before it refuses the
     * message), and without this an IPv4 target whose datagram carries such a UDP payload to
     * port 53 would blame the IPv4 decoder. Exceptions pass through unchanged, and the time it
     * takes still counts against the per-input time bound. Outside a check it just runs.
     */
    public static <T> T secondOpinion(Supplier<T> opinion) {
        Meter meter = METER.get();
        if (meter.depth++ > 0) {
            try {
                return opinion.get(); // nested: the outermost second opinion counts it all
            } finally {
                meter.depth--;
            }
        }
        long before = allocatedByThisThread();
        try {
            return opinion.get();
        } finally {
            long after = allocatedByThisThread();
            meter.depth--;
            if (before >= 0 && after >= 0) {
                meter.excluded += after - before;
            }
        }
    }

    /** What the second opinions of the input being measured allocated on this thread. */
    private static final class Meter {
        int depth;
        long excluded;
    }

    private record Outcome(Throwable thrown, long allocated) {
        static Outcome measure(Body body) {
            Meter meter = METER.get();
            meter.excluded = 0;
            long before = allocatedByThisThread();
            Throwable thrown = null;
            try {
                body.run();
            } catch (Throwable t) {
                thrown = t;
            }
            long after = allocatedByThisThread();
            long allocated = before < 0 || after < 0 ? 0 : Math.max(0, after - before - meter.excluded);
            meter.excluded = 0;
            return new Outcome(thrown, allocated);
        }
    }

    /** A test run: the input on a daemon thread of its own, so a decoder that never returns is reported. */
    private Outcome runBounded(Body body) {
        AtomicReference<Outcome> result = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().daemon().name("fuzz-input").unstarted(() -> result.set(Outcome.measure(body)));
        worker.start();
        try {
            worker.join(timeLimit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + decoder + " decoded an input", e);
        }
        if (result.get() == null) {
            String limit = timeLimit.toMillis() % 1000 == 0 ? timeLimit.toSeconds() + " s" : timeLimit.toMillis() + " ms";
            AssertionError hang = finding(decoder + " did not return within " + limit
                    + " on this input: a loop that never ends? (its stack trace is where it was)", null);
            hang.setStackTrace(worker.getStackTrace());
            throw hang;
        }
        return result.get();
    }

    private void judge(Throwable thrown) {
        if (thrown == null) {
            return;
        }
        Optional<StubException> stub = stub(thrown);
        if (stub.isPresent()) {
            if (fuzzing()) {
                stopAtStub(stub.get());
            }
            if (!stubReported.compareAndSet(false, true)) {
                // one failure says it; hundreds of kept inputs repeating it would bury the report
                Assumptions.abort("the same stub as the first input: " + stub.get().getMessage());
            }
            throw stub.get();
        }
        for (Class<? extends Throwable> ok : allowed) {
            if (ok.isInstance(thrown)) {
                return;
            }
        }
        if (thrown instanceof AssertionError a) {
            // the target's own check (a differential verdict, an invariant): already says what is wrong
            throw withInput(a);
        }
        throw finding(decoder + " let " + thrown.getClass().getName() + " escape: " + thrown.getMessage()
                + " — only " + allowedNames() + " may leave it", thrown);
    }

    private AssertionError withInput(AssertionError a) {
        String where = inputDescription();
        if (where.isEmpty()) {
            return a;
        }
        AssertionError e = new AssertionError(a.getMessage() + where, a);
        e.setStackTrace(a.getStackTrace());
        reproduce();
        return e;
    }

    private AssertionError finding(String message, Throwable cause) {
        AssertionError e = new AssertionError(message + inputDescription(), cause);
        reproduce();
        return e;
    }

    private String allowedNames() {
        return String.join(" or ", allowed.stream().map(Class::getSimpleName).toList());
    }

    /** " (input: <path>)" in a test run, where Jazzer names the invocation after its input file. */
    private String inputDescription() {
        Invocation inv = invocation.get();
        if (inv == null) {
            return "";
        }
        Optional<Path> file = inputFile(inv);
        if (file.isPresent()) {
            return " (input: " + Lab.root().relativize(file.get().toAbsolutePath()) + ")";
        }
        // a seed named by its source (llhttp's cases); while fuzzing, Jazzer reports the input itself
        return fuzzing() ? "" : " (input: " + inv.inputName() + ")";
    }

    private static Optional<Path> inputFile(Invocation inv) {
        Path dir = inputsDirectory(Lab.moduleDir(), inv.testClass(), inv.method());
        String name = inv.inputName();
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith("<")) {
            return Optional.empty();
        }
        Path p = dir.resolve(name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Where Jazzer keeps a target's inputs: {@code src/test/resources/<package path>/<Class>Inputs/<method>/}
     * of {@code moduleDir}. Findings of {@code ./lab fuzz} land there and run in every test run.
     */
    public static Path inputsDirectory(Path moduleDir, Class<?> testClass, String method) {
        Path dir = moduleDir.resolve("src").resolve("test").resolve("resources");
        for (String part : testClass.getPackageName().split("\\.")) {
            dir = dir.resolve(part);
        }
        return dir.resolve(testClass.getSimpleName() + "Inputs").resolve(method);
    }

    /** The one-line command that runs a target's kept inputs again, for the progress report. */
    private void reproduce() {
        Invocation inv = invocation.get();
        if (inv != null) {
            Evidence.current().reproduce(reproductionCommand(Lab.module(), Lab.track(), inv.testClass(), inv.method()));
        }
    }

    /** {@code ./mvnw -pl <module> test -Dtest='<Class>#<method>'} (with {@code -Psolutions} on that track). */
    public static String reproductionCommand(String module, String track, Class<?> testClass, String method) {
        return "./mvnw -pl " + module + ("solutions".equals(track) ? " -Psolutions" : "") + " test -Dtest='"
                + testClass.getSimpleName() + "#" + method + "'";
    }

    private static Optional<StubException> stub(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StubException s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * While fuzzing, a stub is not a finding: say which checkpoint the target needs and stop the
     * JVM at once, before Jazzer writes the input as a crash file.
     */
    private static void stopAtStub(StubException stub) {
        // the process's own stderr: Surefire's System.err would lose what is buffered at the halt
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        err.println();
        err.println(STUB_MARKER + stub.getMessage());
        err.println("netlab fuzz: nothing to fuzz until checkpoint " + stub.checkpoint()
                + " is written; no input was kept");
        err.flush();
        System.out.flush();
        Runtime.getRuntime().halt(STUB_EXIT_STATUS);
    }

    private static long allocatedByThisThread() {
        if (THREADS == null) {
            return -1;
        }
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                    && t.isThreadAllocatedMemorySupported()) {
                t.setThreadAllocatedMemoryEnabled(true);
                return t;
            }
        } catch (UnsupportedOperationException | SecurityException e) {
            // another JVM: the budget is not checked, the heap limit of fuzzing still is
        }
        return null;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FuzzRule[%s: only %s; %d s; %d + %d/octet]", decoder, allowedNames(),
                timeLimit.toSeconds(), allocationBase, bytesPerOctet);
    }
}
