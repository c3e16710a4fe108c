package dev.netlab.kit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code <module>/target/lab/checkpoints.json}: the day's checkpoints after the last test run.
 *
 * <pre>{@code
 * {"module": "day1-link-ip", "track": "exercises", "filtered": false, "ran": ["1.01", ...],
 *  "finished": "2026-12-05T17:02:11Z", "checkpoints": [{"id": "1.01", "status": "passed", ...}, ...]}
 * }</pre>
 *
 * <p>{@code track} is {@code exercises} (the learner's code) or {@code solutions} (the
 * reference: never counted as progress). A {@code filtered} run ran only the checkpoints in
 * {@code ran}; the others keep their result from the last run on the same track. The same
 * content is kept per track in {@code checkpoints-<track>.json}, so a maintainer's
 * {@code -Psolutions} run never overwrites the learner's progress; {@code ./lab progress}
 * reads {@code checkpoints-exercises.json}.
 */
@JsonPropertyOrder({"module", "track", "filtered", "ran", "finished", "checkpoints"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProgressFile(String module, String track, boolean filtered, List<String> ran, String finished,
        List<CheckpointResult> checkpoints) {
    public static final String EXERCISES = "exercises";
    public static final String SOLUTIONS = "solutions";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ProgressFile {
        ran = ran == null ? List.of() : List.copyOf(ran);
        checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
    }

    /** {@code checkpoints.json}: the last run, whatever its track. */
    public static Path lastRun(Path labDir) {
        return labDir.resolve("checkpoints.json");
    }

    /** {@code checkpoints-<track>.json}: the state of one track. */
    public static Path ofTrack(Path labDir, String track) {
        return labDir.resolve("checkpoints-" + track + ".json");
    }

    public long passedCount() {
        return checkpoints.stream().filter(CheckpointResult::passed).count();
    }

    /** The first checkpoint that does not pass, in id order. */
    public Optional<CheckpointResult> next() {
        return checkpoints.stream().filter(c -> !c.passed()).findFirst();
    }

    public void write(Path file) throws IOException {
        writeAtomically(file, JSON.writeValueAsBytes(this));
    }

    /**
     * Writes {@code file} whole or not at all: a temporary file beside it, then a rename. Two
     * test JVMs of one module at once (an IDE and ./lab watch) otherwise interleave their
     * writes and leave JSON that no reader can parse (seen: "Unexpected end-of-input").
     */
    static void writeAtomically(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a progress file; the older form (a bare array of checkpoints, before the track
     * was recorded) reads as an unfiltered run of unknown track.
     */
    public static Optional<ProgressFile> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null) {
                return Optional.empty();
            }
            if (root.isArray()) {
                List<CheckpointResult> list = JSON.convertValue(root, new TypeReference<List<CheckpointResult>>() {});
                return Optional.of(new ProgressFile(null, null, false, list.stream().map(CheckpointResult::id).toList(), null, list));
            }
            return Optional.of(JSON.treeToValue(root, ProgressFile.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
