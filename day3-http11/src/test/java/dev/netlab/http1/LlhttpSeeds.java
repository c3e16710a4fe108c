package dev.netlab.http1;

import dev.netlab.kit.Lab;
import dev.netlab.kit.MissingRequirement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * llhttp's request cases (every type, strict and lenient) as seeds of the day-3 fuzz targets:
 * inputs written by people who know where HTTP parsers break. When
 * {@code ../shared/conformance/llhttp} is missing (a learner's clone) the seeds are skipped with
 * the reason printed, and the target runs on its kept inputs alone; in strict mode
 * ({@code CI=true}) a missing folder fails the target instead.
 */
final class LlhttpSeeds {
    private LlhttpSeeds() {}

    static final String FOLDER = "llhttp/test/request";

    /** Each case's input, through {@code part} (which may drop a case by returning null). */
    static Stream<Named<byte[]>> requests(String target, Function<byte[], byte[]> part) {
        Path dir = Lab.conformanceDir().resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            String reason = "needs the shared conformance data at " + dir
                    + " for llhttp's cases as seeds (see README.md#conformance-data)";
            if (Lab.strict()) {
                throw new MissingRequirement(reason);
            }
            System.err.println("netlab: " + target + ": llhttp seeds skipped: " + reason
                    + "; the kept inputs still run");
            return Stream.empty();
        }
        List<LlhttpCases.Case> cases;
        try {
            cases = LlhttpCases.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases.stream()
                .map(c -> {
                    byte[] p = part.apply(c.input());
                    return p == null ? null : Named.of("llhttp " + c.name(), p);
                })
                .filter(Objects::nonNull);
    }

    /** The octets after the first {@code CRLF CRLF} (the body), or null when there is none. */
    static byte[] afterHead(byte[] message) {
        int end = indexOf(message, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return end < 0 || end + 4 >= message.length ? null : Arrays.copyOfRange(message, end + 4, message.length);
    }

    /** The octets after the request line (the header section and what follows), or null. */
    static byte[] afterRequestLine(byte[] message) {
        int end = indexOf(message, "\r\n".getBytes(StandardCharsets.US_ASCII));
        return end < 0 || end + 2 >= message.length ? null : Arrays.copyOfRange(message, end + 2, message.length);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
