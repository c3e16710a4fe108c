package dev.netlab.kit.tools;

import dev.netlab.kit.CheckpointCatalog;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lab watch <day> [id...]}: runs the day's checkpoints (or the given ones) whenever
 * an exercise file of the day is saved, and shows the progress report as the screen. A save
 * during a run queues one more run. Ctrl-C stops the watcher and the run in progress.
 */
@Command(name = "watch", description = "re-run a day's checkpoints on every save of its exercise files")
final class WatchCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String CLEAR = "\u001b[H\u001b[2J\u001b[3J";

    @Parameters(index = "0", paramLabel = "<day>", description = "a day module, e.g. day1-link-ip")
    String module;

    @Parameters(index = "1..*", paramLabel = "<id>", description = "only these checkpoints (a filtered run)")
    List<String> ids = new ArrayList<>();

    private volatile Process running;
    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path root = LabTool.root();
        if (!CheckpointCatalog.dayModules(root).contains(module)) {
            throw new ToolException("no day '" + module + "' (days: " + String.join(" ", CheckpointCatalog.dayModules(root)) + ")");
        }
        Path dir = root.resolve("exercises").resolve(module);
        String tests = null;
        if (!ids.isEmpty()) {
            CheckpointCatalog catalog = CheckpointCatalog.read(root, module);
            List<String> classes = new ArrayList<>();
            for (String id : ids) {
                classes.add(catalog.find(id).orElseThrow(() -> new ToolException(module + " has no checkpoint " + id)).testClass());
            }
            tests = String.join(",", classes.stream().distinct().toList());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopRun, "lab-watch-stop"));
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            register(watcher, dir);
            String why = "started";
            int run = 0;
            while (true) {
                run++;
                runOnce(root, tests, run, why);
                Path saved = awaitSave(watcher, dir);
                long savedAt = Files.exists(saved) ? Files.getLastModifiedTime(saved).toMillis() : System.currentTimeMillis();
                why = String.format(java.util.Locale.ROOT, "saved %s, ran %.1f s after", dir.relativize(saved),
                        Math.max(0, System.currentTimeMillis() - savedAt) / 1000.0);
            }
        } catch (ClosedWatchServiceException e) {
            return 0;
        }
    }

    private void runOnce(Path root, String tests, int run, String why) throws IOException, InterruptedException {
        Path labDir = root.resolve(module).resolve("target").resolve("lab");
        Files.createDirectories(labDir);
        Path log = labDir.resolve("watch.log");
        Path report = labDir.resolve("report.txt");
        String at = LocalTime.now().format(TIME);
        boolean tty = System.console() != null;
        if (tty) {
            out.print(CLEAR);
        }
        out.println(" ./lab watch " + module + (ids.isEmpty() ? "" : " " + String.join(" ", ids)) + " · run " + run
                + " · " + at + " · " + why + " · running ...");
        List<String> cmd = new ArrayList<>();
        boolean windows = File.separatorChar == '\\';
        if (!windows && Files.isExecutable(root.resolve("lab"))) {
            // ./lab test: without Maven once Maven has built the day (dev.netlab.kit.FastTest)
            cmd.addAll(List.of(root.resolve("lab").toString(), "test", module));
            cmd.addAll(ids);
        } else {
            cmd.add(root.resolve(windows ? "mvnw.cmd" : "mvnw").toString());
            cmd.addAll(List.of("-B", "-pl", module, "test"));
            if (tests != null) {
                cmd.add("-Dtest=" + tests);
            }
        }
        long start = System.nanoTime();
        long before = Files.exists(report) ? Files.getLastModifiedTime(report).toMillis() : 0;
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        running = p;
        int code = p.waitFor();
        running = null;
        double seconds = (System.nanoTime() - start) / 1e9;
        if (tty) {
            out.print(CLEAR);
        }
        out.printf(" ./lab watch %s%s · run %d · %s · %s · %.1f s%n", module,
                ids.isEmpty() ? "" : " " + String.join(" ", ids), run, at, why, seconds);
        boolean fresh = Files.exists(report) && Files.getLastModifiedTime(report).toMillis() > before;
        if (fresh) {
            out.print(Files.readString(report, StandardCharsets.UTF_8));
        } else {
            out.println();
            out.println(" The build stopped before the tests (exit " + code + "):");
            try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                lines.filter(l -> l.startsWith("[ERROR]") && !l.startsWith("[ERROR] -> ") && !l.isBlank())
                        .map(l -> l.replace(root.toString() + File.separator, ""))
                        .limit(20).forEach(l -> out.println("   " + l));
            }
            out.println(" full log: " + root.relativize(log));
        }
        out.println(" watching exercises/" + module + " for saves · Ctrl-C stops");
    }

    /** Blocks until a .java file under {@code dir} is created or changed; returns it. */
    private Path awaitSave(WatchService watcher, Path dir) throws InterruptedException, IOException {
        while (true) {
            WatchKey key = watcher.take();
            Path changed = null;
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    changed = dir;
                    continue;
                }
                Path p = ((Path) key.watchable()).resolve((Path) event.context());
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(p)) {
                    register(watcher, p);
                } else if (p.getFileName().toString().endsWith(".java")) {
                    changed = p;
                }
            }
            key.reset();
            if (changed != null) {
                // an editor's save is often several events: take them all before running
                for (WatchKey more; (more = watcher.poll(150, TimeUnit.MILLISECONDS)) != null; ) {
                    more.pollEvents();
                    more.reset();
                }
                return changed;
            }
        }
    }

    private static void register(WatchService watcher, Path dir) throws IOException {
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            }
        }
    }

    /** Ctrl-C: the Maven run in progress and its test JVM stop too. */
    private void stopRun() {
        Process p = running;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            try {
                p.waitFor(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        out.println();
        out.println(" lab watch: stopped");
    }
}
