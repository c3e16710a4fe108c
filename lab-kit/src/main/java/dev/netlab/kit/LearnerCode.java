package dev.netlab.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The classes a learner edits: every {@code .java} file under {@code exercises/<module>/}
 * (the same class names live under {@code solutions/<module>/}). Finds the top stack frame of
 * a failure that lies in that code, so a report can say "at MacAddress.read
 * (exercises/day1-link-ip/dev/netlab/link/MacAddress.java:57)" instead of the test's line.
 */
public final class LearnerCode {
    /** A frame of the learner's code and the file it is in, relative to the project root. */
    public record Frame(String at, String file) {}

    private final Map<String, String> fileByClass;

    private LearnerCode(Map<String, String> fileByClass) {
        this.fileByClass = fileByClass;
    }

    /** The exercise classes of {@code module}, with paths into {@code <track>/<module>/}. */
    public static LearnerCode of(Path root, String module, String track) {
        Map<String, String> files = new HashMap<>();
        Path dir = root.resolve("exercises").resolve(module);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                    String rel = dir.relativize(p).toString().replace('\\', '/');
                    String cls = rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
                    files.put(cls, track + "/" + module + "/" + rel);
                });
            } catch (IOException e) {
                // no learner frames then
            }
        }
        return new LearnerCode(files);
    }

    public Set<String> classes() {
        return fileByClass.keySet();
    }

    /**
     * The first frame, from the top, of the learner's code in the failure or its causes;
     * stub exceptions' own frames count too (the stub method is where the learner writes).
     */
    public Optional<Frame> topFrame(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
            for (StackTraceElement e : c.getStackTrace()) {
                String cls = e.getClassName();
                int dollar = cls.indexOf('$');
                String outer = dollar < 0 ? cls : cls.substring(0, dollar);
                String file = fileByClass.get(outer);
                if (file != null) {
                    String simple = cls.substring(cls.lastIndexOf('.') + 1);
                    String line = e.getLineNumber() > 0 ? ":" + e.getLineNumber() : "";
                    return Optional.of(new Frame(simple + "." + e.getMethodName() + "(" + e.getFileName() + line + ")", file + line));
                }
            }
        }
        return Optional.empty();
    }
}
