package dev.netlab.kit.ladder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws arrows as a ladder (sequence) diagram: one lane per endpoint, in the order they first
 * speak, as text for a terminal or as Mermaid for a lesson page. With more than four
 * endpoints (many client connections to one server), the clients share one lane and each
 * arrow names its client port.
 */
public final class LadderRenderer {
    private LadderRenderer() {}

    static final int MAX_LANES = 4;

    /** Lanes and arrows after folding many clients into one lane. */
    record Diagram(List<String> lanes, List<Arrow> arrows) {}

    static Diagram fold(List<Arrow> arrows) {
        Set<String> endpoints = new LinkedHashSet<>();
        for (Arrow a : arrows) {
            endpoints.add(a.from());
            endpoints.add(a.to());
        }
        if (endpoints.size() <= MAX_LANES) {
            return new Diagram(List.copyOf(endpoints), arrows);
        }
        // servers: endpoints that more than one peer talks to
        Map<String, Set<String>> peers = new LinkedHashMap<>();
        for (Arrow a : arrows) {
            peers.computeIfAbsent(a.to(), k -> new LinkedHashSet<>()).add(a.from());
            peers.computeIfAbsent(a.from(), k -> new LinkedHashSet<>()).add(a.to());
        }
        Set<String> servers = new LinkedHashSet<>();
        peers.forEach((e, p) -> {
            if (p.size() > 1) {
                servers.add(e);
            }
        });
        if (servers.isEmpty() || servers.size() >= MAX_LANES) {
            return new Diagram(List.copyOf(endpoints), arrows);
        }
        String clients = "clients";
        List<Arrow> folded = new ArrayList<>();
        for (Arrow a : arrows) {
            boolean fromClient = !servers.contains(a.from());
            boolean toClient = !servers.contains(a.to());
            String port = fromClient ? port(a.from()) : toClient ? port(a.to()) : "";
            folded.add(new Arrow(a.frame(), a.time(), fromClient ? clients : a.from(), toClient ? clients : a.to(),
                    (port.isEmpty() ? "" : "[:" + port + "] ") + a.label(), a.bareAck()));
        }
        List<String> lanes = new ArrayList<>();
        lanes.add(clients);
        lanes.addAll(servers);
        return new Diagram(lanes, folded);
    }

    private static String port(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        return colon < 0 ? "" : endpoint.substring(colon + 1);
    }

    /** The terminal drawing: time, then the lanes with one arrow per line. */
    public static String text(List<Arrow> arrows) {
        Diagram d = fold(arrows);
        List<String> lanes = d.lanes();
        if (lanes.isEmpty()) {
            return "(no packets)\n";
        }
        int longest = d.arrows().stream().mapToInt(a -> a.label().length()).max().orElse(10);
        int nameWidth = lanes.stream().mapToInt(String::length).max().orElse(10);
        int gap = Math.max(Math.min(longest + 8, 64), nameWidth + 2);
        int[] col = new int[lanes.size()];
        for (int i = 0; i < col.length; i++) {
            col[i] = 1 + i * gap;
        }
        int width = col[col.length - 1] + 2;
        StringBuilder sb = new StringBuilder();
        String timePad = " ".repeat(11);
        // lane names, each starting over its line
        StringBuilder names = new StringBuilder(" ".repeat(width + nameWidth));
        for (int i = 0; i < lanes.size(); i++) {
            int start = Math.max(0, col[i] - (i == lanes.size() - 1 ? lanes.get(i).length() - 1 : 0));
            names.replace(start, start + lanes.get(i).length(), lanes.get(i));
        }
        sb.append(timePad).append(names.toString().stripTrailing()).append('\n');
        for (Arrow a : d.arrows()) {
            char[] row = new char[width];
            java.util.Arrays.fill(row, ' ');
            for (int c : col) {
                row[c] = '│';
            }
            int from = lanes.indexOf(a.from());
            int to = lanes.indexOf(a.to());
            String label = a.label();
            if (from == to) {
                sb.append(String.format("%10.6f ", a.time())).append(new String(row).stripTrailing()).append("  ")
                        .append(label).append('\n');
                continue;
            }
            int left = Math.min(col[from], col[to]) + 2;
            int right = Math.max(col[from], col[to]) - 2;
            for (int x = left; x <= right; x++) {
                row[x] = '─';
            }
            if (from < to) {
                row[right] = '▶';
            } else {
                row[left] = '◀';
            }
            int room = right - left - 3;
            if (label.length() > room) {
                label = label.substring(0, Math.max(0, room - 1)) + "…";
            }
            int start = from < to ? left + 2 : right - 1 - label.length();
            row[start - 1] = ' ';
            for (int k = 0; k < label.length(); k++) {
                row[start + k] = label.charAt(k);
            }
            row[start + label.length()] = ' ';
            sb.append(String.format("%10.6f ", a.time())).append(new String(row).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** A Mermaid {@code sequenceDiagram} of the same arrows, for lesson pages. */
    public static String mermaid(List<Arrow> arrows) {
        Diagram d = fold(arrows);
        StringBuilder sb = new StringBuilder("sequenceDiagram\n");
        Map<String, String> ids = new LinkedHashMap<>();
        for (String lane : d.lanes()) {
            String id = "P" + (ids.size() + 1);
            ids.put(lane, id);
            sb.append("    participant ").append(id).append(" as ").append(safe(lane)).append('\n');
        }
        for (Arrow a : d.arrows()) {
            sb.append("    ").append(ids.get(a.from())).append("->>").append(ids.get(a.to())).append(": ")
                    .append(safe(a.label())).append('\n');
        }
        return sb.toString();
    }

    /** Mermaid reads {@code ;} as a statement end and {@code #} as an entity. */
    private static String safe(String s) {
        return s.replace(";", ",").replace("#", "no.");
    }
}
