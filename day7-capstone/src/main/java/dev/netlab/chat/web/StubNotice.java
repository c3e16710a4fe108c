package dev.netlab.chat.web;

import dev.netlab.kit.StubException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports a stub reached at run time once per checkpoint, as one line on stderr, instead of a
 * stack trace per connection (the start-up check catches most of them before the first
 * connection; a method the check did not exercise can still be one).
 */
public final class StubNotice {
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** Prints {@code e}'s one-line message unless its checkpoint was reported already. */
    public void report(StubException e) {
        if (reported.add(e.checkpoint())) {
            System.err.println("chat: " + e.getMessage() + " (connections that need it are closed; reported once)");
        }
    }
}
