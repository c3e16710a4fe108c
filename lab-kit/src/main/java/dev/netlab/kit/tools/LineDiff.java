package dev.netlab.kit.tools;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts by their longest common subsequence of lines (files of a few hundred lines). */
public final class LineDiff {
    private LineDiff() {}

    public static String unified(String nameA, List<String> a, String nameB, List<String> b, int context) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // the edit script: ' ' kept, '-' only in a, '+' only in b, with each line's numbers
        record Op(char kind, String text, int ai, int bi) {}
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), i++, j++));
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new Op('-', a.get(i), i++, j)); // removals before additions, as diff -u
            } else {
                ops.add(new Op('+', b.get(j), i, j++));
            }
        }
        StringBuilder sb = new StringBuilder();
        int k = 0;
        boolean header = false;
        while (k < ops.size()) {
            if (ops.get(k).kind() == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - context);
            int end = k;
            // extend the hunk while changes are within 2*context of each other
            int lastChange = k;
            while (end < ops.size()) {
                if (ops.get(end).kind() != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * context) {
                    break;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + context + 1);
            if (!header) {
                sb.append("--- ").append(nameA).append('\n').append("+++ ").append(nameB).append('\n');
                header = true;
            }
            int aStart = ops.get(start).ai();
            int bStart = ops.get(start).bi();
            int aLen = 0;
            int bLen = 0;
            for (int x = start; x < end; x++) {
                char kind = ops.get(x).kind();
                if (kind != '+') {
                    aLen++;
                }
                if (kind != '-') {
                    bLen++;
                }
            }
            sb.append("@@ -").append(aStart + 1).append(',').append(aLen).append(" +").append(bStart + 1).append(',')
                    .append(bLen).append(" @@\n");
            for (int x = start; x < end; x++) {
                sb.append(ops.get(x).kind()).append(ops.get(x).text()).append('\n');
            }
            k = end;
        }
        return sb.toString();
    }
}
