package dev.netlab.kit.ladder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Arrows from tshark's dissection ({@code tshark -T fields}): TCP flags and relative sequence
 * numbers, TLS records (handshake messages named), HTTP/1.1 messages, HTTP/2 frames with their
 * stream ids and flags, WebSocket frames, ICMP and ARP. HTTP/2's heuristic dissector is switched
 * on, so cleartext HTTP/2 is found on any port (WebSocket is found through the HTTP Upgrade that
 * starts it); {@code decodeAs} adds {@code -d} rules and {@code keylog} decrypts TLS.
 */
final class TsharkReader {
    private static final char AGG = '\u001f';
    /** The fields asked for, in order; {@link Row} reads them by name. */
    private static final List<String> FIELDS = List.of(
            "frame.number", "frame.time_relative", "eth.src", "eth.dst",
            "arp.opcode", "arp.src.proto_ipv4", "arp.dst.proto_ipv4",
            "ip.src", "ip.dst", "ipv6.src", "ipv6.dst",
            "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport",
            "tcp.flags", "tcp.seq", "tcp.ack", "tcp.len",
            "icmp.type", "icmp.code", "icmp.seq", "icmpv6.type",
            "tls.record.content_type", "tls.record.opaque_type", "tls.handshake.type", "tls.alert_message.desc",
            "http.request.method", "http.request.uri", "http.request.version",
            "http.response.version", "http.response.code", "http.response.phrase",
            "http2.type", "http2.streamid", "http2.flags", "http2.length",
            "websocket.opcode", "websocket.fin", "websocket.payload_length", "websocket.mask",
            "_ws.col.Protocol", "_ws.col.Info");

    private static final Map<String, String> TLS_CONTENT = Map.of(
            "20", "ChangeCipherSpec", "21", "Alert", "22", "Handshake", "23", "Application Data", "24", "Heartbeat");
    private static final Map<String, String> TLS_HANDSHAKE = Map.ofEntries(
            Map.entry("1", "ClientHello"), Map.entry("2", "ServerHello"), Map.entry("4", "NewSessionTicket"),
            Map.entry("8", "EncryptedExtensions"), Map.entry("11", "Certificate"), Map.entry("12", "ServerKeyExchange"),
            Map.entry("13", "CertificateRequest"), Map.entry("14", "ServerHelloDone"), Map.entry("15", "CertificateVerify"),
            Map.entry("16", "ClientKeyExchange"), Map.entry("20", "Finished"), Map.entry("24", "KeyUpdate"));
    private static final List<String> H2_TYPES = List.of("DATA", "HEADERS", "PRIORITY", "RST_STREAM", "SETTINGS",
            "PUSH_PROMISE", "PING", "GOAWAY", "WINDOW_UPDATE", "CONTINUATION");
    private static final Map<Integer, String> WS_OPCODES = Map.of(0, "continuation", 1, "text", 2, "binary",
            8, "close", 9, "ping", 10, "pong");

    private TsharkReader() {}

    static List<Arrow> read(String tshark, Path pcap, List<String> decodeAs, Path keylog) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tshark, "-r", pcap.toString(), "-n", "-T", "fields",
                "-E", "occurrence=a", "-E", "aggregator=" + AGG, "-E", "quote=n",
                "-o", "tcp.relative_sequence_numbers:TRUE", "-o", "tcp.analyze_sequence_numbers:TRUE",
                "--enable-heuristic", "http2_tcp"));
        List<String> rules = new ArrayList<>(decodeAs);
        if (rules.stream().noneMatch(r -> r.endsWith(",http2"))) {
            // A server that speaks first (its SETTINGS before the client's preface) escapes the
            // heuristic: decode the server side of every connection that carries the preface.
            for (String port : http2Ports(tshark, pcap)) {
                rules.add("tcp.port==" + port + ",http2");
            }
        }
        for (String d : rules) {
            cmd.add("-d");
            cmd.add(d);
        }
        if (keylog != null) {
            cmd.add("-o");
            cmd.add("tls.keylog_file:" + keylog);
        }
        for (String f : FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        String text;
        try (var in = p.getInputStream(); var e = p.getErrorStream()) {
            Thread drain = Thread.ofVirtual().start(() -> {
                try {
                    e.transferTo(err);
                } catch (IOException ignored) {
                    // what arrived is kept
                }
            });
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            drain.join(5000);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tshark did not finish within 60 s");
        }
        if (p.exitValue() != 0 && text.isBlank()) {
            throw new IOException("tshark failed (exit " + p.exitValue() + ") on " + pcap + ": "
                    + err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("Running as user"))
                            .findFirst().orElse(""));
        }
        List<Arrow> arrows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || !Character.isDigit(line.charAt(0))) {
                continue; // "Running as user root" and the like
            }
            arrows.addAll(arrows(new Row(line.split("\t", -1))));
        }
        return arrows;
    }

    /** The server ports of connections whose client sends the HTTP/2 preface (RFC 9113 §3.4). */
    private static List<String> http2Ports(String tshark, Path pcap) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(tshark, "-r", pcap.toString(), "-n", "-Y", "tcp.payload contains \"PRI * HTTP/2.0\"",
                "-T", "fields", "-e", "tcp.dstport").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return List.of();
        }
        return out.lines().map(String::strip).filter(l -> l.matches("\\d+")).distinct().toList();
    }

    /** One packet's fields by name; multiple occurrences split on the aggregator. */
    private record Row(String[] values) {
        String get(String field) {
            int i = FIELDS.indexOf(field);
            return i < values.length ? values[i] : "";
        }

        List<String> all(String field) {
            String v = get(field);
            return v.isEmpty() ? List.of() : List.of(v.split(String.valueOf(AGG), -1));
        }

        String first(String field) {
            List<String> a = all(field);
            return a.isEmpty() ? "" : a.getFirst();
        }
    }

    private static List<Arrow> arrows(Row r) {
        int frame = Integer.parseInt(r.get("frame.number"));
        double time = parseDouble(r.get("frame.time_relative"));
        String srcHost = firstNonEmpty(r.first("ip.src"), r.first("ipv6.src"));
        String dstHost = firstNonEmpty(r.first("ip.dst"), r.first("ipv6.dst"));
        List<Arrow> out = new ArrayList<>();
        if (!r.get("arp.opcode").isEmpty()) {
            String op = r.get("arp.opcode").equals("1") ? "ARP who-has " + r.get("arp.dst.proto_ipv4")
                    : "ARP " + r.get("arp.src.proto_ipv4") + " is-at " + r.get("eth.src");
            out.add(new Arrow(frame, time, r.get("eth.src"), r.get("eth.dst"), op, false));
            return out;
        }
        String sport = firstNonEmpty(r.first("tcp.srcport"), r.first("udp.srcport"));
        String dport = firstNonEmpty(r.first("tcp.dstport"), r.first("udp.dstport"));
        String from = sport.isEmpty() ? srcHost : endpoint(srcHost, sport);
        String to = dport.isEmpty() ? dstHost : endpoint(dstHost, dport);
        if (from.isEmpty()) {
            from = r.get("eth.src");
            to = r.get("eth.dst");
        }
        List<String> messages = new ArrayList<>();
        http1(r, messages);
        http2(r, messages);
        websocket(r, messages);
        boolean appDecoded = !messages.isEmpty();
        tls(r, messages, appDecoded);
        collapse(messages);
        if (!r.first("tcp.flags").isEmpty()) {
            int flags = Integer.decode(r.first("tcp.flags"));
            long seq = parseLong(r.first("tcp.seq"));
            long ack = parseLong(r.first("tcp.ack"));
            int len = (int) parseLong(r.first("tcp.len"));
            String segment = TcpFlags.segment(flags, seq, ack, len);
            if (messages.isEmpty()) {
                boolean bare = flags == TcpFlags.ACK && len == 0;
                out.add(new Arrow(frame, time, from, to, segment, bare));
            } else {
                for (int i = 0; i < messages.size(); i++) {
                    out.add(new Arrow(frame, time, from, to, messages.get(i) + (i == 0 ? "  [" + segment + "]" : ""), false));
                }
            }
            return out;
        }
        if (!messages.isEmpty()) {
            for (String m : messages) {
                out.add(new Arrow(frame, time, from, to, m, false));
            }
            return out;
        }
        String icmp = r.first("icmp.type");
        if (!icmp.isEmpty()) {
            String name = switch (icmp) {
                case "8" -> "ICMP echo request seq=" + r.first("icmp.seq");
                case "0" -> "ICMP echo reply seq=" + r.first("icmp.seq");
                case "3" -> "ICMP destination unreachable code=" + r.first("icmp.code");
                case "11" -> "ICMP time exceeded";
                default -> "ICMP type=" + icmp + " code=" + r.first("icmp.code");
            };
            out.add(new Arrow(frame, time, from, to, name, false));
            return out;
        }
        String info = r.get("_ws.col.Info").replaceAll("\\s+", " ").strip();
        out.add(new Arrow(frame, time, from, to, r.get("_ws.col.Protocol") + (info.isEmpty() ? "" : " " + info), false));
        return out;
    }

    private static void http1(Row r, List<String> messages) {
        List<String> methods = r.all("http.request.method");
        List<String> uris = r.all("http.request.uri");
        List<String> versions = r.all("http.request.version");
        for (int i = 0; i < methods.size(); i++) {
            messages.add(methods.get(i) + " " + at(uris, i) + " " + at(versions, i));
        }
        List<String> codes = r.all("http.response.code");
        List<String> rversions = r.all("http.response.version");
        List<String> phrases = r.all("http.response.phrase");
        for (int i = 0; i < codes.size(); i++) {
            messages.add((at(rversions, i).isEmpty() ? "HTTP/1.1" : at(rversions, i)) + " " + codes.get(i) + " " + at(phrases, i));
        }
    }

    private static void http2(Row r, List<String> messages) {
        List<String> types = r.all("http2.type");
        List<String> streams = r.all("http2.streamid");
        List<String> flags = r.all("http2.flags");
        List<String> lengths = r.all("http2.length");
        if (types.isEmpty() && r.get("_ws.col.Protocol").equals("HTTP2") && r.get("_ws.col.Info").contains("Magic")) {
            messages.add("HTTP/2 connection preface");
        }
        for (int i = 0; i < types.size(); i++) {
            int type = (int) parseLong(types.get(i));
            String name = type < H2_TYPES.size() ? H2_TYPES.get(type) : "type=" + type;
            StringBuilder sb = new StringBuilder(name).append(" stream=").append(at(streams, i));
            String f = h2Flags(type, (int) parseLong(at(flags, i)));
            if (!f.isEmpty()) {
                sb.append(' ').append(f);
            }
            if (type == 0 && !at(lengths, i).isEmpty()) {
                sb.append(" len=").append(at(lengths, i));
            }
            messages.add(sb.toString());
        }
        if (!types.isEmpty() && r.get("_ws.col.Info").contains("Magic") && !messages.contains("HTTP/2 connection preface")) {
            messages.add(messages.size() - types.size(), "HTTP/2 connection preface");
        }
    }

    /** RFC 9113 §6: the flag names that each frame type defines. */
    private static String h2Flags(int type, int flags) {
        List<String> out = new ArrayList<>();
        if ((type == 0 || type == 1) && (flags & 0x1) != 0) {
            out.add("END_STREAM");
        }
        if ((type == 4 || type == 6) && (flags & 0x1) != 0) {
            out.add("ACK");
        }
        if ((type == 1 || type == 5 || type == 9) && (flags & 0x4) != 0) {
            out.add("END_HEADERS");
        }
        if ((type == 0 || type == 1 || type == 5) && (flags & 0x8) != 0) {
            out.add("PADDED");
        }
        if (type == 1 && (flags & 0x20) != 0) {
            out.add("PRIORITY");
        }
        return String.join(",", out);
    }

    private static void websocket(Row r, List<String> messages) {
        List<String> ops = r.all("websocket.opcode");
        List<String> fins = r.all("websocket.fin");
        List<String> lens = r.all("websocket.payload_length");
        List<String> masks = r.all("websocket.mask");
        for (int i = 0; i < ops.size(); i++) {
            int op = (int) parseLong(ops.get(i));
            StringBuilder sb = new StringBuilder("WebSocket ").append(WS_OPCODES.getOrDefault(op, "opcode=" + op));
            if (isTrue(at(fins, i))) {
                sb.append(" FIN");
            }
            sb.append(" len=").append(at(lens, i));
            if (isTrue(at(masks, i))) {
                sb.append(" masked");
            }
            messages.add(sb.toString());
        }
    }

    private static void tls(Row r, List<String> messages, boolean appDecoded) {
        // TLS 1.3 hides a record's real type: its outer (opaque) type is application data
        // (RFC 8446 §5.2); tshark lists those apart, after the plaintext records of the packet.
        List<String> records = new ArrayList<>(r.all("tls.record.content_type"));
        records.addAll(r.all("tls.record.opaque_type"));
        List<String> handshakes = r.all("tls.handshake.type");
        long handshakeRecords = records.stream().filter("22"::equals).count();
        int h = 0;
        List<String> tlsMessages = new ArrayList<>();
        for (String type : records) {
            if (type.equals("23") && appDecoded) {
                continue; // the messages inside are shown instead
            }
            StringBuilder sb = new StringBuilder("TLS ").append(TLS_CONTENT.getOrDefault(type, "record type " + type));
            if (type.equals("22") && h < handshakes.size()) {
                List<String> names = new ArrayList<>();
                if (handshakeRecords == handshakes.size()) {
                    names.add(TLS_HANDSHAKE.getOrDefault(handshakes.get(h), handshakes.get(h)));
                    h++;
                } else {
                    for (; h < handshakes.size(); h++) {
                        names.add(TLS_HANDSHAKE.getOrDefault(handshakes.get(h), handshakes.get(h)));
                    }
                }
                sb.append(": ").append(String.join(", ", names));
            }
            if (type.equals("21") && !r.first("tls.alert_message.desc").isEmpty()) {
                sb.append(" desc=").append(r.first("tls.alert_message.desc"));
            }
            tlsMessages.add(sb.toString());
        }
        messages.addAll(0, tlsMessages);
    }

    /** Repeats in one packet become one arrow: "TLS Application Data (×4)". */
    private static void collapse(List<String> messages) {
        for (int i = 0; i < messages.size(); i++) {
            int n = 1;
            while (i + n < messages.size() && messages.get(i + n).equals(messages.get(i))) {
                n++;
            }
            if (n > 1) {
                messages.subList(i + 1, i + n).clear();
                messages.set(i, messages.get(i) + " (×" + n + ")");
            }
        }
    }

    private static boolean isTrue(String s) {
        return s.equals("1") || s.equalsIgnoreCase("true");
    }

    private static String at(List<String> list, int i) {
        return i < list.size() ? list.get(i) : "";
    }

    private static String endpoint(String host, String port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    private static String firstNonEmpty(String a, String b) {
        return a.isEmpty() ? b : a;
    }

    private static long parseLong(String s) {
        try {
            return s.isEmpty() ? 0 : Long.decode(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
