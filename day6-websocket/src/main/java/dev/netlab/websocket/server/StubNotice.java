package dev.netlab.websocket.server;

import dev.netlab.kit.StubException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Reports a checkpoint the server needs but the learner has not written yet, once per checkpoint (no log spam). */
final class StubNotice {
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private StubNotice() {}

    /** The StubException in {@code e}'s causes, or null. */
    static StubException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StubException s) {
                return s;
            }
        }
        return null;
    }

    /** Prints one line for this checkpoint the first time it is met; true if {@code e} was a stub. */
    static boolean report(Throwable e) {
        StubException stub = find(e);
        if (stub == null) {
            return false;
        }
        if (REPORTED.add(stub.checkpoint())) {
            System.err.println("netlab: " + stub.getMessage());
        }
        return true;
    }
}
