package dev.netlab.kit;

import dev.netlab.kit.launch.ProgramNeeds;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * What a given server does when learner code that is still a stub fails one of its
 * connections: in a program ({@code ./lab run}) it stops the program with
 * {@link ProgramNeeds}'s message (the checkpoints it needs and the next one to do); in a test
 * run it logs the missing checkpoint once, not a warning per connection.
 *
 * <pre>{@code
 * } catch (RuntimeException e) {
 *     if (!StubReached.handle(e, log)) {
 *         log.warn("connection failed: {}", e.toString());
 *     }
 * }
 * }</pre>
 */
public final class StubReached {
    private static final Map<String, Boolean> LOGGED = new ConcurrentHashMap<>();

    private StubReached() {}

    /** The stub in a failure's causes, or null. */
    public static StubException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StubException s) {
                return s;
            }
        }
        return null;
    }

    /** Handles a stub failure as described above; false when {@code t} is not one (log it as usual). */
    public static boolean handle(Throwable t, Logger log) {
        StubException stub = find(t);
        if (stub == null) {
            return false;
        }
        if (ProgramNeeds.inProgram()) {
            ProgramNeeds.stop(stub); // does not return
        }
        if (LOGGED.putIfAbsent(stub.checkpoint(), Boolean.TRUE) == null) {
            log.warn("{} (connections that fail on it are not logged again)", stub.getMessage());
        }
        return true;
    }
}
