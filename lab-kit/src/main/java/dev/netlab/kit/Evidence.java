package dev.netlab.kit;

import dev.netlab.kit.capture.LiveCapture;
import dev.netlab.kit.pcap.CapturedPacket;
import dev.netlab.kit.pcap.FlowSynthesizer;
import dev.netlab.kit.pcap.PcapWriter;
import dev.netlab.kit.transcript.Transcript;
import dev.netlab.kit.transcript.TranscriptFormatter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a running checkpoint exchanged: transcripts of its connections, live captures,
 * commands that reproduce it by hand. {@link CheckpointExtension} opens one per checkpoint
 * test; when the test fails it is saved: the pcap under {@code target/lab/captures/<id>.pcap}
 * and the transcript text for the progress report.
 *
 * <pre>{@code
 * Evidence.current().attach(recordingSocket.transcript());
 * Evidence.current().capture(liveCapture);
 * Evidence.current().reproduce("ping -c 1 10.91.1.2");
 * }</pre>
 */
public final class Evidence {
    /** What was saved for a failed checkpoint. */
    public record Saved(String checkpointId, List<Path> captures, String transcript, List<String> reproduce) {}

    private static volatile Evidence current;
    private static final Map<String, Saved> SAVED = new ConcurrentHashMap<>();

    private final String checkpointId;
    private final List<Transcript> transcripts = new CopyOnWriteArrayList<>();
    private final List<LiveCapture> captures = new CopyOnWriteArrayList<>();
    private final List<String> reproduce = new CopyOnWriteArrayList<>();

    private Evidence(String checkpointId) {
        this.checkpointId = checkpointId;
    }

    /**
     * The evidence of the checkpoint running now. Outside a checkpoint (a plain test, a
     * program) it is a sink that keeps things but never saves them.
     */
    public static Evidence current() {
        Evidence e = current;
        return e != null ? e : new Evidence(null);
    }

    static Evidence open(String checkpointId) {
        Evidence e = new Evidence(checkpointId);
        current = e;
        return e;
    }

    static void close(Evidence e) {
        if (current == e) {
            current = null;
        }
    }

    /** What has been saved in this JVM, by checkpoint id (read by the progress report). */
    public static Map<String, Saved> saved() {
        return Map.copyOf(SAVED);
    }

    /** Keeps a transcript; returns it for chaining. */
    public Transcript attach(Transcript transcript) {
        transcripts.add(transcript);
        return transcript;
    }

    /** Keeps a live capture; its packets are written if the checkpoint fails. */
    public LiveCapture capture(LiveCapture capture) {
        captures.add(capture);
        return capture;
    }

    /** A command that reproduces the exchange by hand. */
    public void reproduce(String command) {
        reproduce.add(command);
    }

    public List<Transcript> transcripts() {
        return List.copyOf(transcripts);
    }

    /**
     * Writes the capture file(s) and keeps the transcript text. Live packets go to
     * {@code <id>.pcap}; transcripts are synthesised into {@code <id>.pcap}, or into
     * {@code <id>-transcript.pcap} when there is a live capture too.
     */
    Saved save() throws IOException {
        if (checkpointId == null) {
            return null;
        }
        List<Path> files = new ArrayList<>();
        String base = checkpointId;
        Path dir = Lab.capturesDir();
        List<CapturedPacket> live = new ArrayList<>();
        int linkType = PcapWriter.LINKTYPE_ETHERNET;
        for (LiveCapture c : captures) {
            live.addAll(c.packets());
            linkType = c.linkType();
        }
        if (!live.isEmpty()) {
            live.sort((a, b) -> a.time().compareTo(b.time()));
            Path file = dir.resolve(base + ".pcap");
            PcapWriter.write(file, linkType, live);
            files.add(file);
        }
        boolean anyBytes = transcripts.stream().anyMatch(t -> !t.chunks().isEmpty());
        if (anyBytes) {
            Path file = dir.resolve(base + (live.isEmpty() ? ".pcap" : "-transcript.pcap"));
            FlowSynthesizer.write(file, transcripts);
            files.add(file);
        }
        StringBuilder text = new StringBuilder();
        List<String> commands = new ArrayList<>(reproduce);
        for (Transcript t : transcripts) {
            text.append(TranscriptFormatter.format(t, 2048));
            t.reproduce().ifPresent(cmd -> {
                if (!commands.contains(cmd)) {
                    commands.add(cmd);
                }
            });
        }
        Saved s = new Saved(checkpointId, List.copyOf(files), text.toString(), List.copyOf(commands));
        if (!files.isEmpty() || !text.isEmpty() || !commands.isEmpty()) {
            SAVED.put(checkpointId, s);
        }
        return s;
    }
}
