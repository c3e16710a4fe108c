package dev.netlab.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./lab progress}: every day module's last {@code target/lab/checkpoints.json} as one
 * table. Arguments: the project root, then the module names.
 */
public final class ProgressSummary {
    private ProgressSummary() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        ObjectMapper json = new ObjectMapper();
        int all = 0;
        int done = 0;
        System.out.println();
        for (int i = 1; i < args.length; i++) {
            String module = args[i];
            Path file = root.resolve(module).resolve("target/lab/checkpoints.json");
            if (!Files.exists(file)) {
                System.out.printf("%-16s  not run yet   (./mvnw -pl %s test)%n", module, module);
                continue;
            }
            JsonNode list = json.readTree(file.toFile());
            int n = list.size();
            int passed = 0;
            StringBuilder marks = new StringBuilder();
            String next = null;
            for (JsonNode c : list) {
                String status = c.path("status").asText();
                if (status.equals(CheckpointResult.PASSED)) {
                    passed++;
                    marks.append('✔');
                } else {
                    marks.append(status.equals(CheckpointResult.SKIPPED) ? '○' : '✘');
                    if (next == null) {
                        next = c.path("id").asText() + " " + c.path("title").asText();
                    }
                }
            }
            all += n;
            done += passed;
            System.out.printf("%-16s %3d/%-3d %s%s%n", module, passed, n, marks,
                    next == null ? "" : "   next: " + next);
        }
        System.out.printf("%ntotal: %d/%d checkpoints   (✔ passed  ✘ failed  ○ skipped; from each module's last test run)%n", done, all);
    }
}
