package dev.netlab.kit.tools;

import dev.netlab.kit.CheckpointCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lab reset <day | file>}: puts the stubs back, after asking, keeping a copy of what
 * it replaces under {@code .lab-backup/<time>/}. The stubs come from git: the upstream's
 * version ({@code origin/HEAD}, the course as cloned) when there is one, else {@code HEAD};
 * {@code --from REV} chooses another revision.
 */
@Command(name = "reset", description = "restore the stubs of a day or one file (asks first; keeps a backup)")
final class ResetCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<day | file>", description = "a day module (day1-link-ip) or an exercise file")
    String target;

    @Option(names = {"-y", "--yes"}, description = "do not ask")
    boolean yes;

    @Option(names = "--from", paramLabel = "REV", description = "the git revision with the stubs (default: origin/HEAD, else HEAD)")
    String from;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path root = LabTool.root();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<Path> files = files(root);
        String rev = from != null ? from : (git(root, "rev-parse", "--verify", "-q", "origin/HEAD") != null ? "origin/HEAD" : "HEAD");
        List<Path> changed = new ArrayList<>();
        List<byte[]> originals = new ArrayList<>();
        for (Path f : files) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            byte[] original = gitBytes(root, "show", rev + ":" + rel);
            if (original == null) {
                continue; // not in that revision: a file of the learner's own, left alone
            }
            if (!Files.exists(f) || !Arrays.equals(Files.readAllBytes(f), original)) {
                changed.add(f);
                originals.add(original);
            }
        }
        if (changed.isEmpty()) {
            out.println("nothing to reset: " + target + " is as in " + rev);
            return 0;
        }
        out.println("These files differ from the stubs in " + rev + ":");
        changed.forEach(f -> out.println("  " + root.relativize(f)));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path backup = root.resolve(".lab-backup").resolve(stamp);
        if (!yes) {
            out.print("Restore them to the stubs? A copy of each goes to " + root.relativize(backup) + "/ [y/N] ");
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                out.println("nothing changed.");
                return 1;
            }
        }
        for (int i = 0; i < changed.size(); i++) {
            Path f = changed.get(i);
            if (Files.exists(f)) {
                Path copy = backup.resolve(root.relativize(f));
                Files.createDirectories(copy.getParent());
                Files.copy(f, copy);
            }
            Files.write(f, originals.get(i));
        }
        out.println("restored " + changed.size() + " file(s); your versions are in " + root.relativize(backup) + "/");
        return 0;
    }

    private List<Path> files(Path root) throws IOException {
        Path asDay = root.resolve("exercises").resolve(target);
        if (CheckpointCatalog.dayModules(root).contains(target) && Files.isDirectory(asDay)) {
            try (Stream<Path> walk = Files.walk(asDay)) {
                return walk.filter(Files::isRegularFile).sorted().toList();
            }
        }
        Path file = Path.of(target).isAbsolute() ? Path.of(target) : Path.of("").toAbsolutePath().resolve(target).normalize();
        if (!Files.exists(file)) {
            file = root.resolve(target).normalize();
        }
        if (!file.startsWith(root.resolve("exercises"))) {
            throw new ToolException("'" + target + "' is neither a day (" + String.join(" ", CheckpointCatalog.dayModules(root))
                    + ") nor a file under exercises/");
        }
        return List.of(file);
    }

    private static String git(Path root, String... args) throws IOException, InterruptedException {
        byte[] b = gitBytes(root, args);
        return b == null ? null : new String(b, StandardCharsets.UTF_8).strip();
    }

    private static byte[] gitBytes(Path root, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new ToolException("reset needs git (the stubs come from the repository): " + e.getMessage());
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        return p.exitValue() == 0 ? out : null;
    }
}
