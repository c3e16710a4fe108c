package dev.netlab.kit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One line of {@code target/lab/checkpoints.json}: {@code {"id","title","status","reason"}}.
 * {@code status} is {@code passed}, {@code failed} or {@code skipped}; {@code reason} is the
 * first line of the failure or skip message (empty when passed).
 */
@JsonPropertyOrder({"id", "title", "status", "reason"})
public record CheckpointResult(String id, String title, String status, String reason,
        @JsonIgnore List<String> edit, @JsonIgnore String hint, @JsonIgnore String readme) {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    @JsonIgnore
    public boolean passed() {
        return PASSED.equals(status);
    }
}
