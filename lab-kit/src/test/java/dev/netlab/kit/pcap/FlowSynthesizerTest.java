package dev.netlab.kit.pcap;

import static dev.netlab.kit.transcript.Transcript.Direction.CLIENT_TO_SERVER;
import static dev.netlab.kit.transcript.Transcript.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Lab;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Peer.PeerResult;
import dev.netlab.kit.transcript.Transcript;
import dev.netlab.kit.transcript.Transcript.Direction;
import dev.netlab.kit.transcript.Transcript.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Decodes synthesised files with tshark: the independent check that they are real TCP/UDP. */
class FlowSynthesizerTest {
    private static final Duration TSHARK_TIMEOUT = Duration.ofSeconds(60);
    private static final int BODY_LENGTH = 3_000;

    private Peer tshark;

    @BeforeEach
    void requireTshark() {
        tshark = Peer.require("tshark");
    }

    static InetSocketAddress local(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static void send(Transcript t, Direction d, byte[] bytes) {
        t.record(d, bytes, 0, bytes.length);
    }

    /** A request, a response whose 3,000-byte body needs three segments, both sides closed. */
    static Transcript httpExchange(String name, int clientPort) {
        Transcript t = new Transcript(name, Transport.TCP, local(clientPort), local(8080));
        send(t, CLIENT_TO_SERVER, ascii("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"));
        byte[] head = ascii("HTTP/1.1 200 OK\r\nContent-Length: " + BODY_LENGTH + "\r\n\r\n");
        byte[] body = new byte[BODY_LENGTH];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        send(t, SERVER_TO_CLIENT, head);
        send(t, SERVER_TO_CLIENT, body);
        t.closed(CLIENT_TO_SERVER);
        t.closed(SERVER_TO_CLIENT);
        return t;
    }

    private Path write(String name, List<Transcript> transcripts) throws IOException {
        return FlowSynthesizer.write(Lab.capturesDir().resolve("flow-synthesizer").resolve(name + ".pcap"), transcripts);
    }

    private List<String> fields(Path file, String... args) {
        List<String> cmd = new ArrayList<>(List.of("-r", file.toString()));
        cmd.addAll(List.of(args));
        PeerResult r = tshark.run(TSHARK_TIMEOUT, cmd.toArray(String[]::new)).assertSuccess();
        return r.lines();
    }

    @Test
    @DisplayName("a TCP exchange starts with SYN, SYN-ACK, ACK and ends with the FINs, seq/ack consistent")
    void handshakeDataAndFins() throws IOException {
        Transcript t = httpExchange("http", 40_001);
        Path file = write("http", List.of(t));

        // syn ack fin seq ack len (relative numbers, tshark's default)
        List<String> rows = fields(file, "-T", "fields", "-e", "ip.src", "-e", "tcp.flags.syn", "-e", "tcp.flags.ack",
                "-e", "tcp.flags.fin", "-e", "tcp.seq", "-e", "tcp.ack", "-e", "tcp.len");
        int request = t.bytes(CLIENT_TO_SERVER).length;
        int response = t.bytes(SERVER_TO_CLIENT).length;
        assertThat(rows.subList(0, 3)).containsExactly(
                "127.0.0.1\t1\t0\t0\t0\t0\t0",
                "127.0.0.1\t1\t1\t0\t0\t1\t0",
                "127.0.0.1\t0\t1\t0\t1\t1\t0");
        assertThat(rows.subList(rows.size() - 4, rows.size())).containsExactly(
                "127.0.0.1\t0\t1\t1\t" + (1 + request) + "\t" + (1 + response) + "\t0",
                "127.0.0.1\t0\t1\t0\t" + (1 + response) + "\t" + (2 + request) + "\t0",
                "127.0.0.1\t0\t1\t1\t" + (1 + response) + "\t" + (2 + request) + "\t0",
                "127.0.0.1\t0\t1\t0\t" + (2 + request) + "\t" + (2 + response) + "\t0");
        List<String> lengths = fields(file, "-Y", "tcp.len > 0", "-T", "fields", "-e", "tcp.len");
        assertThat(lengths).containsExactly(String.valueOf(request), String.valueOf(response - BODY_LENGTH),
                "1460", "1460", "80");
    }

    @Test
    @DisplayName("every IPv4 and TCP checksum is good and tshark's TCP analysis finds nothing to flag")
    void checksumsAndAnalysis() throws IOException {
        Path file = write("checksums", List.of(httpExchange("checksums", 40_002)));

        List<String> status = fields(file, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-T", "fields", "-e", "tcp.checksum.status", "-e", "ip.checksum.status");
        // tshark prints the checksum status as a number: 0 bad, 1 good, 2 unverified
        assertThat(status).isNotEmpty().allMatch("1\t1"::equals, "tcp and ip checksum status 1 (Good)");
        assertThat(fields(file, "-Y", "tcp.analysis.flags || _ws.expert.severity >= warning")).isEmpty();
    }

    @Test
    @DisplayName("following the TCP stream reassembles exactly the bytes sent each way")
    void followReassembles() throws IOException {
        Transcript t = httpExchange("follow", 40_003);
        Path file = write("follow", List.of(t));

        List<String> lines = fields(file, "-q", "-z", "follow,tcp,raw,0");
        ByteArrayOutputStream toServer = new ByteArrayOutputStream();
        ByteArrayOutputStream toClient = new ByteArrayOutputStream();
        boolean inData = false;
        for (String line : lines) {
            if (line.startsWith("Node 1:")) {
                inData = true;
            } else if (line.startsWith("====")) {
                inData = false;
            } else if (inData && !line.isBlank()) {
                // server → client lines are indented with a tab
                ByteArrayOutputStream sink = line.startsWith("\t") ? toClient : toServer;
                sink.writeBytes(HexFormat.of().parseHex(line.strip()));
            }
        }
        assertThat(toServer.toByteArray()).isEqualTo(t.bytes(CLIENT_TO_SERVER));
        assertThat(toClient.toByteArray()).isEqualTo(t.bytes(SERVER_TO_CLIENT));
    }

    @Test
    @DisplayName("a UDP transcript gives one datagram per chunk with its length and bytes")
    void udpDatagrams() throws IOException {
        Transcript t = new Transcript("dns-like", Transport.UDP, local(40_004), local(5353));
        byte[] query = HexFormat.of().parseHex("abcd01000001000000000000");
        byte[] answer = HexFormat.of().parseHex("abcd81800001000100000000c00c");
        send(t, CLIENT_TO_SERVER, query);
        send(t, SERVER_TO_CLIENT, answer);
        send(t, CLIENT_TO_SERVER, new byte[0]);
        Path file = write("udp", List.of(t));

        List<String> rows = fields(file, "-T", "fields", "-e", "udp.srcport", "-e", "udp.length", "-e", "udp.payload",
                "-o", "udp.check_checksum:TRUE", "-e", "udp.checksum.status");
        assertThat(rows).containsExactly(
                "40004\t" + (8 + query.length) + "\t" + HexFormat.of().formatHex(query) + "\t1",
                "5353\t" + (8 + answer.length) + "\t" + HexFormat.of().formatHex(answer) + "\t1",
                "40004\t8\t\t1"); // an empty datagram: the 8-octet header alone
    }

    @Test
    @DisplayName("two transcripts in one file become two TCP streams, merged in time order")
    void twoStreams() throws IOException {
        Transcript first = httpExchange("first", 40_005);
        Transcript second = httpExchange("second", 40_006);
        Path file = write("two", List.of(second, first));

        List<String> streams = fields(file, "-T", "fields", "-e", "tcp.stream", "-e", "tcp.srcport", "-e", "frame.time_delta");
        assertThat(streams).extracting(s -> s.split("\t")[0]).containsOnly("0", "1");
        assertThat(streams.get(0)).startsWith("0\t40005\t"); // the earlier transcript comes first
        assertThat(streams.subList(1, streams.size())).extracting(s -> Double.parseDouble(s.split("\t")[2]))
                .allMatch(delta -> delta > 0, "strictly increasing timestamps");
        assertThat(fields(file, "-Y", "tcp.analysis.flags")).isEmpty();
    }

    @Test
    @DisplayName("a half-close puts the client's FIN before the server's response; an open side gets no FIN")
    void halfCloseAndOpenSide() throws IOException {
        Instant t0 = Instant.parse("2025-01-01T12:00:00Z");
        Transcript t = new Transcript("half-close", Transport.TCP, local(40_007), local(7));
        byte[] request = ascii("ping");
        t.record(CLIENT_TO_SERVER, t0, request, 0, request.length);
        t.closed(CLIENT_TO_SERVER, t0.plusMillis(1));
        byte[] response = ascii("pong");
        t.record(SERVER_TO_CLIENT, t0.plusMillis(2), response, 0, response.length);
        Path file = write("half-close", List.of(t));

        List<String> rows = fields(file, "-T", "fields", "-e", "tcp.srcport", "-e", "tcp.flags.fin", "-e", "tcp.len",
                "-e", "frame.time_epoch");
        assertThat(rows).extracting(r -> r.substring(0, r.lastIndexOf('\t'))).containsExactly(
                "40007\t0\t0", "7\t0\t0", "40007\t0\t0", // handshake
                "40007\t0\t4", "7\t0\t0", // ping, ACK
                "40007\t1\t0", "7\t0\t0", // client FIN, ACK
                "7\t0\t4", "40007\t0\t0"); // pong, ACK; the server never closed
        assertThat(rows.get(3)).endsWith("\t1735732800.000000000"); // data at the chunk's time
        assertThat(fields(file, "-Y", "tcp.analysis.flags")).isEmpty();
    }
}
