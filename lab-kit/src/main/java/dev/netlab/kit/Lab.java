package dev.netlab.kit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where things are and which mode the lab runs in. Surefire passes {@code lab.root},
 * {@code lab.module}, {@code lab.track} and {@code lab.strict} as system properties (see the
 * parent pom); outside Maven the values are found from the working directory.
 */
public final class Lab {
    private Lab() {}

    /** The project's root folder (the one with the parent {@code pom.xml} and {@code ./lab}). */
    public static Path root() {
        String prop = System.getProperty("lab.root");
        if (prop != null && !prop.isBlank() && !prop.startsWith("$")) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("lab")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return dir;
    }

    /** The module under test: the working directory of a Surefire run. */
    public static Path moduleDir() {
        return Path.of("").toAbsolutePath();
    }

    /** The module's name, e.g. {@code day1-link-ip}. */
    public static String module() {
        String prop = System.getProperty("lab.module");
        return prop != null && !prop.isBlank() ? prop : moduleDir().getFileName().toString();
    }

    /** {@code exercises} or {@code solutions}: the track this module was built with. */
    public static String track() {
        String prop = System.getProperty("lab.track");
        return prop != null && !prop.isBlank() ? prop : "exercises";
    }

    /** {@code target/lab} of the module: checkpoints.json, captures/, transcripts. */
    public static Path labDir() {
        return moduleDir().resolve("target").resolve("lab");
    }

    /** {@code <root>/<module>/target/lab}: the lab folder of any module, from anywhere. */
    public static Path labDir(String module) {
        return root().resolve(module).resolve("target").resolve("lab");
    }

    /** {@code target/lab/captures} of the module. */
    public static Path capturesDir() {
        return labDir().resolve("captures");
    }

    /** The shared conformance data beside the project: {@code ../shared/conformance}. */
    public static Path conformanceDir() {
        return root().resolveSibling("shared").resolve("conformance");
    }

    /**
     * Strict mode: with {@code CI=true} or {@code -Dlab.strict=true} a test that would skip
     * for a missing tool, privilege or data fails instead.
     */
    public static boolean strict() {
        String ci = System.getenv("CI");
        return "true".equalsIgnoreCase(System.getProperty("lab.strict", "false"))
                || (ci != null && ci.toLowerCase(Locale.ROOT).equals("true"));
    }
}
