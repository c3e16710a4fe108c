package dev.netlab.kit.ladder;

import dev.netlab.kit.Peer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lab ladder <file.pcap>}: the exchange in a capture as a ladder diagram, one arrow
 * per packet or protocol message, in the terminal or as Mermaid ({@code --mermaid}) for a
 * lesson page. Uses tshark's dissection when tshark is installed (TLS records, HTTP/2 frames,
 * WebSocket frames need it); without tshark, TCP, UDP, ICMP, ARP and HTTP/1.x start lines.
 */
@Command(name = "ladder", description = "a capture as a ladder (sequence) diagram: terminal or Mermaid")
public final class LadderCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<file.pcap>")
    Path pcap;

    @Option(names = "--mermaid", description = "a Mermaid sequenceDiagram instead of the terminal drawing")
    boolean mermaid;

    @Option(names = "--compact", description = "leave out TCP segments that only acknowledge")
    boolean compact;

    @Option(names = {"-d", "--decode-as"}, paramLabel = "RULE", description = "tshark's -d, e.g. tcp.port==8080,http2")
    List<String> decodeAs = new ArrayList<>();

    @Option(names = "--keylog", paramLabel = "FILE", description = "TLS key log (NSS format) to decrypt with")
    Path keylog;

    @Option(names = "--max", paramLabel = "N", description = "at most N arrows (default ${DEFAULT-VALUE})")
    int max = 400;

    @Option(names = "--no-tshark", description = "decode with the built-in reader even when tshark is installed")
    boolean noTshark;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path file = pcap.toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such capture: " + pcap);
        }
        List<Arrow> arrows = arrows(file, decodeAs, keylog, !noTshark);
        if (compact) {
            arrows = arrows.stream().filter(a -> !a.bareAck()).toList();
        }
        int total = arrows.size();
        if (arrows.size() > max) {
            arrows = arrows.subList(0, max);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(mermaid ? LadderRenderer.mermaid(arrows) : LadderRenderer.text(arrows));
        if (total > arrows.size()) {
            out.println((mermaid ? "%% " : "") + "... " + (total - arrows.size()) + " more (--max " + total + " shows them)");
        }
        return 0;
    }

    /** The arrows of a capture: tshark's dissection when asked and installed, else the built-in reader. */
    public static List<Arrow> arrows(Path pcap, List<String> decodeAs, Path keylog, boolean useTshark)
            throws IOException, InterruptedException {
        Optional<String> tshark = useTshark ? Peer.find("tshark").map(Path::toString) : Optional.empty();
        if (tshark.isPresent()) {
            return TsharkReader.read(tshark.get(), pcap, decodeAs, keylog);
        }
        return PcapFallback.read(pcap);
    }
}
