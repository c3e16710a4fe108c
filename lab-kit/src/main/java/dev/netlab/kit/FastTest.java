package dev.netlab.kit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@code ./lab test <day> [<id>...]} without Maven, once Maven has built the day: the learner's
 * loop is "edit one exercise file, run the checkpoints", and for that Maven's start, its
 * up-to-date checks of every module and Surefire's fork cost 13–17 s of CPU on each run (the
 * README's loop figures) while the tests of one checkpoint take a second. This runs in the test
 * JVM itself, started by {@code ./lab} on the class path of the day's last test run under
 * Surefire ({@code target/lab/test-classpath-exercises.txt}, written by {@link ProgressListener}
 * from Surefire's {@code surefire.test.class.path}), with Surefire's system properties and
 * working directory:
 *
 * <ol>
 *   <li>if anything Maven builds changed since that build (a pom, given code, tests,
 *       resources, lab-kit, an earlier day's exercises) or a day on the class path is on its
 *       reference, it exits {@value #STALE} and {@code ./lab} runs Maven as before;</li>
 *   <li>the day's exercise sources saved since are compiled with the JDK's compiler, in this
 *       JVM, into the day's class folder (errors are printed as Maven would, exit
 *       {@value #COMPILE_ERROR});</li>
 *   <li>the day's test classes (or the checkpoints named) run on the JUnit Platform with the
 *       listeners the class path registers — the progress report is written as under Surefire;</li>
 *   <li>the screen — the report, then the verdict — goes to {@code target/lab/fast-screen.txt}
 *       for {@code ./lab} to print after the tests' own output was sent to
 *       {@code target/surefire-reports/lab-fast-output.txt}.</li>
 * </ol>
 *
 * <p>Arguments: {@code <module> [<checkpoint id>...]}; system properties {@code lab.root},
 * {@code lab.module}, {@code lab.track} (only {@code exercises} is served here).
 */
public final class FastTest {
    /** The JUnit tag of tests that run none of the learner's code (experiments): a whole day's fast run leaves them out. */
    public static final String EXPERIMENT = "experiment";

    /** Exit code: tests ran and failed. */
    public static final int FAILED = 1;
    /** Exit code: the learner's code does not compile. */
    public static final int COMPILE_ERROR = 2;
    /** Exit code: Maven must build first; nothing ran. */
    public static final int STALE = 3;

    static final String PLAN = "test-classpath-exercises.txt";
    static final String COMPILED = "fast-compiled.stamp";
    static final String SCREEN = "fast-screen.txt";
    /** Surefire's default includes: Test*, *Test, *Tests, *TestCase. */
    static final String TEST_CLASSES = "^(Test.*|.+[.$]Test.*|.*Tests?|.*TestCase)$";
    /** ... and its default exclude, nested classes (an {@code @Nested} one runs inside its outer class). */
    static final String NESTED = ".*\\$.*";
    private static final Pattern OUTPUT_DIR = Pattern.compile("(.+)[/\\\\]target[/\\\\](?:test-)?classes-(exercises|solutions)$");

    private FastTest() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(System.getProperty("lab.root", "..")).toAbsolutePath().normalize();
        String module = args[0];
        List<String> ids = List.of(args).subList(1, args.length);
        StringWriter screen = new StringWriter();
        int code = run(root, module, ids, screen);
        Path labDir = root.resolve(module).resolve("target").resolve("lab");
        Files.createDirectories(labDir);
        Files.writeString(labDir.resolve(SCREEN), screen.toString(), StandardCharsets.UTF_8);
        System.out.flush();
        System.exit(code);
    }

    /** The whole run; what the learner should see is appended to {@code screen}. */
    static int run(Path root, String module, List<String> ids, StringWriter screen) throws IOException {
        Path moduleDir = root.resolve(module);
        Path target = moduleDir.resolve("target");
        Path labDir = target.resolve("lab");
        Path plan = labDir.resolve(PLAN);
        Path classes = target.resolve("classes-exercises");
        Path testClasses = target.resolve("test-classes-exercises");
        if (!Files.isRegularFile(plan) || !Files.isDirectory(classes) || !Files.isDirectory(testClasses)) {
            return stale(screen, "no build of " + module + " on the exercises track yet");
        }
        FileTime built = Files.getLastModifiedTime(plan);
        List<String> classPath = new ArrayList<>(List.of(testClasses.toString(), classes.toString()));
        for (String entry : Files.readString(plan).strip().split(Pattern.quote(File.pathSeparator))) {
            if (!entry.isBlank()) {
                classPath.add(entry);
            }
        }
        Optional<String> why = changedSince(root, module, classPath, built);
        if (why.isPresent()) {
            return stale(screen, why.get());
        }
        // the learner's saves since the last build (Maven's or ours)
        Path exercises = root.resolve("exercises").resolve(module);
        Path stamp = labDir.resolve(COMPILED);
        FileTime compiledAt = Files.exists(stamp) && Files.getLastModifiedTime(stamp).compareTo(built) > 0
                ? Files.getLastModifiedTime(stamp) : built;
        if (Files.isDirectory(exercises) && newer(exercises, compiledAt).isPresent()) {
            FileTime startedCompile = FileTime.fromMillis(System.currentTimeMillis());
            String errors = compile(exercises, classes, classPath);
            if (errors != null) {
                screen.write(errors);
                return COMPILE_ERROR;
            }
            Files.writeString(stamp, "");
            Files.setLastModifiedTime(stamp, startedCompile); // a save during the compile counts as new
        }
        long start = System.currentTimeMillis();
        List<DiscoverySelector> selectors = new ArrayList<>();
        if (ids.isEmpty()) {
            selectors.add(selectClasspathRoots(Set.of(testClasses)).getFirst());
        } else {
            CheckpointCatalog catalog = CheckpointCatalog.read(root, module);
            Set<String> names = new LinkedHashSet<>();
            for (String id : ids) {
                var e = catalog.find(id);
                if (e.isEmpty()) {
                    screen.write("lab: " + module + " has no checkpoint " + id + " (it has " + String.join(" ",
                            catalog.entries().stream().map(CheckpointCatalog.Entry::id).toList()) + ")\n");
                    return COMPILE_ERROR;
                }
                names.add(e.get().testClass());
            }
            names.forEach(n -> selectors.add(selectClass(n)));
        }
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .filters(ClassNameFilter.includeClassNamePatterns(TEST_CLASSES),
                        ClassNameFilter.excludeClassNamePatterns(NESTED));
        Launcher launcher = LauncherFactory.create();
        boolean experimentsLeft = false;
        if (ids.isEmpty()) {
            // A whole day in the learner's loop runs what can fail on the learner's code: tests tagged
            // EXPERIMENT (network experiments in namespaces that run none of it, a minute on day 7) are
            // left to Maven (./mvnw -pl <day> test, verify, CI), where they run as always.
            experimentsLeft = launcher.discover(LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                    .filters(TagFilter.includeTags(EXPERIMENT)).build()).containsTests();
            builder.filters(TagFilter.excludeTags(EXPERIMENT));
        }
        launcher.execute(builder.build()); // the listeners on the class path (ProgressListener) write the report
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream report = new PrintStream(printed, true, StandardCharsets.UTF_8);
        String verdict;
        try {
            if (experimentsLeft) {
                report.println("lab: the day's experiments (tests tagged " + EXPERIMENT + ": they run none of your code) were left out;"
                        + " ./mvnw -pl " + module + " test runs them");
            }
            verdict = ProgressGate.verdict(labDir, start, report);
        } finally {
            report.flush();
            screen.write(printed.toString(StandardCharsets.UTF_8));
        }
        if (verdict != null) {
            screen.write("lab: " + verdict + "\n");
            return FAILED;
        }
        return 0;
    }

    private static int stale(StringWriter screen, String why) {
        screen.write("lab: building with Maven (" + why + ")\n");
        return STALE;
    }

    /**
     * Why Maven must build again, if it must: a day on its reference, or an input of the build
     * newer than the build — every module on the class path (its pom, {@code src/}, and the
     * exercises it was compiled from, except this day's own, which are compiled here), the
     * parent pom and {@code .mvn/}.
     */
    static Optional<String> changedSince(Path root, String module, List<String> classPath, FileTime built) throws IOException {
        Set<Path> modules = new LinkedHashSet<>();
        modules.add(root.resolve(module));
        for (String entry : classPath) {
            Matcher m = OUTPUT_DIR.matcher(entry);
            if (m.matches()) {
                if (m.group(2).equals("solutions")) {
                    return Optional.of(Path.of(m.group(1)).getFileName() + " is on its reference");
                }
                modules.add(Path.of(m.group(1)).toAbsolutePath().normalize());
            }
        }
        List<Path> inputs = new ArrayList<>(List.of(root.resolve("pom.xml"), root.resolve(".mvn")));
        for (Path m : modules) {
            inputs.add(m.resolve("pom.xml"));
            inputs.add(m.resolve("src"));
            if (!m.equals(root.resolve(module))) {
                inputs.add(root.resolve("exercises").resolve(m.getFileName().toString()));
            }
        }
        for (Path input : inputs) {
            Optional<Path> changed = newer(input, built);
            if (changed.isPresent()) {
                return Optional.of(root.relativize(changed.get()) + " changed");
            }
        }
        return Optional.empty();
    }

    /** A file under {@code path} (or itself) modified after {@code than}. */
    static Optional<Path> newer(Path path, FileTime than) throws IOException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return Files.getLastModifiedTime(f).compareTo(than) > 0;
                } catch (IOException e) {
                    return true;
                }
            }).findFirst();
        }
    }

    /** Compiles every source of {@code exercises} into {@code classes}; null, or the errors as Maven prints them. */
    static String compile(Path exercises, Path classes, List<String> classPath) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return "lab: this Java has no compiler (a JRE?): use a JDK 21 or newer\n";
        }
        List<Path> sources;
        try (Stream<Path> files = Files.walk(exercises)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "21", "-encoding", "UTF-8", "-proc:none", "-implicit:none",
                    "-nowarn", "-d", classes.toString(), "-cp", String.join(File.pathSeparator, classPath));
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
            if (ok) {
                return null;
            }
        }
        Path root = exercises.getParent().getParent();
        StringBuilder out = new StringBuilder("lab: your code does not compile:\n");
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String file = d.getSource() == null ? "" : root.relativize(Path.of(d.getSource().toUri())).toString();
            out.append(String.format(Locale.ROOT, "[ERROR] %s:[%d,%d] %s%n", file, d.getLineNumber(), d.getColumnNumber(),
                    d.getMessage(Locale.ROOT)));
        }
        return out.toString();
    }
}
