package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Day 3's HTTP is written by hand: the given code, the exercises and the references may
 * not lean on an HTTP library. Tests may (the JDK's HttpServer is an independent peer).
 */
class HandWrittenHttpTest {
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^\\s*import\\s+(static\\s+)?(com\\.sun\\.net\\.httpserver|java\\.net\\.http|io\\.netty|org\\.eclipse\\.jetty)\\b.*$",
            Pattern.MULTILINE);

    @Test
    @DisplayName("day 3's main, exercise and solution code imports no HTTP library (JDK HttpServer/HttpClient, Netty, Jetty)")
    void noHttpLibraries() throws IOException {
        Path module = Path.of("").toAbsolutePath();
        List<Path> roots = List.of(module.resolve("src/main/java"),
                module.resolveSibling("exercises").resolve("day3-http11"),
                module.resolveSibling("solutions").resolve("day3-http11"));
        List<String> offences = new ArrayList<>();
        int files = 0;
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> all = Files.walk(root)) {
                for (Path f : all.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    Matcher m = FORBIDDEN.matcher(Files.readString(f));
                    while (m.find()) {
                        offences.add(module.getParent().relativize(f) + ": " + m.group().strip());
                    }
                }
            }
        }
        assertThat(files).as("found day 3's sources under " + roots).isPositive();
        assertThat(offences)
                .as("Day 3 is about writing HTTP/1.1 yourself: the server, parser and client must not use an HTTP "
                        + "library. Remove these imports and use sockets and your own parser instead "
                        + "(tests may use the JDK's HttpServer or HttpClient as an independent peer)")
                .isEmpty();
    }
}
