package dev.netlab.kit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stubs a program would reach, found before it starts: a day's given server lists probes
 * (each calls one exercise class the way the server will, on harmless input), the survey runs
 * each once and keeps the {@link StubException}s they end with. The program then stops with one
 * line naming the checkpoints ({@link #missing()}), and a test about to start it fails at once
 * on the first stub ({@link #throwFirst()}, run in a {@link StubProbe}). Any other outcome of a
 * probe (it runs, or fails otherwise) is not the survey's business: the checkpoints' tests judge it.
 *
 * <pre>{@code
 * static StubSurvey survey() {
 *     return StubSurvey.of(List.of(
 *             () -> FrameHeader.read(ByteBuffer.wrap(ping)),
 *             () -> new DynamicTable(4096).length()));
 * }
 * String missing = survey().missing();   // "checkpoints 5.01, 5.05", or null
 * }</pre>
 */
public final class StubSurvey {
    private final List<StubException> stubs;

    private StubSurvey(List<StubException> stubs) {
        this.stubs = List.copyOf(stubs);
    }

    /** Runs every probe once, in order. */
    public static StubSurvey of(List<StubProbe.Probe> probes) {
        List<StubException> stubs = new ArrayList<>();
        for (StubProbe.Probe probe : probes) {
            try {
                probe.run();
            } catch (StubException e) {
                stubs.add(e);
            } catch (Exception | LinkageError e) {
                // a bug, not a stub: the checkpoints' tests (and the run itself) show it
            }
        }
        return new StubSurvey(stubs);
    }

    /** The stubs the probes ended with, in the probes' order (one per probe that reached one). */
    public List<StubException> stubs() {
        return stubs;
    }

    /** The first stub reached for each checkpoint, by checkpoint id ("3.02" before "7.01"). */
    public Map<String, StubException> byCheckpoint() {
        Map<String, StubException> found = new TreeMap<>();
        for (StubException e : stubs) {
            found.putIfAbsent(e.checkpoint(), e);
        }
        return found;
    }

    /** "checkpoint 5.01" or "checkpoints 5.01, 5.03" (by id, each once), or null when no probe reached a stub. */
    public String missing() {
        Map<String, StubException> found = byCheckpoint();
        if (found.isEmpty()) {
            return null;
        }
        return (found.size() == 1 ? "checkpoint " : "checkpoints ") + String.join(", ", found.keySet());
    }

    /** Throws the first stub in the probes' order (with the learner's stack frames); nothing when there is none. */
    public void throwFirst() {
        if (!stubs.isEmpty()) {
            throw stubs.get(0);
        }
    }
}
