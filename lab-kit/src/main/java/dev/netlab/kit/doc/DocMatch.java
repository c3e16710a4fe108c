package dev.netlab.kit.doc;

import java.util.List;

/**
 * The lesson's lines against a run's, after masking: equal line by line, except that a line
 * that is just {@code ...} stands for any number of lines (none too), and a line ending in
 * {@code ...} stands for one line starting with what comes before the dots.
 */
final class DocMatch {
    private DocMatch() {}

    static boolean matches(List<String> expected, List<String> actual) {
        return matches(expected, 0, actual, 0, new Boolean[expected.size() + 1][actual.size() + 1]);
    }

    private static boolean matches(List<String> e, int i, List<String> a, int j, Boolean[][] memo) {
        if (memo[i][j] != null) {
            return memo[i][j];
        }
        boolean result;
        if (i == e.size()) {
            result = j == a.size();
        } else if (e.get(i).strip().equals("...")) {
            result = matches(e, i + 1, a, j, memo) || (j < a.size() && matches(e, i, a, j + 1, memo));
        } else {
            result = j < a.size() && lineMatches(e.get(i), a.get(j)) && matches(e, i + 1, a, j + 1, memo);
        }
        memo[i][j] = result;
        return result;
    }

    static boolean lineMatches(String expected, String actual) {
        String e = expected.stripTrailing();
        String a = actual.stripTrailing();
        if (e.endsWith("...") && !e.strip().equals("...")) {
            return a.startsWith(e.substring(0, e.length() - 3).stripTrailing());
        }
        return e.equals(a);
    }
}
