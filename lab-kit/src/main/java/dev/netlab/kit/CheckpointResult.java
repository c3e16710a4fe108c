package dev.netlab.kit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One checkpoint in {@code target/lab/checkpoints.json}.
 *
 * <ul>
 *   <li>{@code status}: {@code passed}, {@code failed}, {@code skipped} (a missing tool or
 *       privilege, outside strict mode) or {@code not-run} (never run on this track yet);</li>
 *   <li>{@code reason}: the first line of the failure or skip message (empty when passed);</li>
 *   <li>{@code tests}, {@code passedTests}: how many of its tests ran and passed;</li>
 *   <li>{@code failure}: the first failing test in protocol terms — its description (the
 *       {@code @DisplayName}, usually the RFC sentence), the message, and the learner's own
 *       top stack frame;</li>
 *   <li>{@code ranNow}: whether the last run ran it (a filtered run keeps the others' earlier
 *       results);</li>
 *   <li>{@code edit}, {@code hint}, {@code readme}: from its {@link Checkpoint} annotation.</li>
 * </ul>
 */
@JsonPropertyOrder({"id", "title", "status", "reason", "tests", "passedTests", "failure", "ranNow", "edit", "hint", "readme"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckpointResult(String id, String title, String status, String reason, int tests, int passedTests,
        Failure failure, boolean ranNow, List<String> edit, String hint, String readme) {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String NOT_RUN = "not-run";

    /**
     * The first failing test of a checkpoint: {@code test} is its description (display names
     * from the class down), {@code message} the failure's first lines, {@code at} the top frame
     * of the learner's own code ({@code MacAddress.read(MacAddress.java:57)}) and {@code file}
     * that frame as a path from the project root, or null when the failure did not pass
     * through exercise code.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Failure(String test, String message, String at, String file) {}

    public CheckpointResult {
        edit = edit == null ? List.of() : List.copyOf(edit);
        hint = hint == null ? "" : hint;
        readme = readme == null ? "" : readme;
        reason = reason == null ? "" : reason;
    }

    /** A checkpoint with no result yet on this track. */
    public static CheckpointResult notRun(CheckpointCatalog.Entry e) {
        return new CheckpointResult(e.id(), e.title(), NOT_RUN, "", 0, 0, null, false, e.edit(), e.hint(), e.readme());
    }

    @JsonIgnore
    public boolean passed() {
        return PASSED.equals(status);
    }

    /** The same result, marked as kept from an earlier run. */
    public CheckpointResult kept() {
        return new CheckpointResult(id, title, status, reason, tests, passedTests, failure, false, edit, hint, readme);
    }

    /** True when the failure is an untouched stub ("not implemented yet"). */
    @JsonIgnore
    public boolean stub() {
        return FAILED.equals(status) && reason.startsWith(StubException.PREFIX);
    }
}
