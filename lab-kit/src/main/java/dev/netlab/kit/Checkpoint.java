package dev.netlab.kit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test method or a test class as a checkpoint of the day: one step of the
 * exercise, reported in the progress table and in {@code target/lab/checkpoints.json}.
 *
 * <p>On a class, the checkpoint passes when every test in it passes. Checkpoints are
 * ordered by {@link #id()}; a later one may rely on earlier ones.
 *
 * <pre>{@code
 * @Checkpoint(id = "1.03", title = "IPv4 header: decode and validate",
 *     edit = "dev/netlab/link/Ipv4Header.java",
 *     hint = "IHL counts 32-bit words; the checksum covers the header only",
 *     readme = "#ipv4")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag("checkpoint")
@ExtendWith(CheckpointExtension.class)
public @interface Checkpoint {
    /** Day and order, e.g. {@code "1.03"}. */
    String id();

    /** A short title in protocol terms. */
    String title();

    /** The exercise file(s) to edit, relative to {@code exercises/<module>/}. */
    String[] edit() default {};

    /** One line that points the learner in the right direction. */
    String hint() default "";

    /**
     * The anchor of the README section with the longer explanation, e.g. {@code "#ipv4"}, or
     * another page of the day with its anchor, e.g. {@code "ADVANCED.md#initial-secrets"}.
     */
    String readme() default "";
}
