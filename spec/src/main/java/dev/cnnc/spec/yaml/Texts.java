package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Message helpers: safe quoting of user text, "did you mean", lists of choices. */
final class Texts {
    private static final int LIMIT = 40;

    private Texts() {
    }

    /**
     * User text as a double-quoted literal with controls and quotes escaped, cut after 40
     * characters, so that a hostile name can neither break the message nor flood it.
     */
    static String quote(String s) {
        return Json.quote(s.length() > LIMIT ? s.substring(0, LIMIT) : s)
                + (s.length() > LIMIT ? "... (" + s.length() + " characters)" : "");
    }

    /** Like {@link #quote} but without quotes, for numbers as written. */
    static String clip(String s) {
        return s.length() > LIMIT ? s.substring(0, LIMIT) + "... (" + s.length() + " characters)" : s;
    }

    /** {@code a, b or c}. */
    static String choices(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** The closest choice if it is close enough to be a typo (Damerau-Levenshtein distance). */
    static Optional<String> closest(String word, List<String> choices) {
        if (word.length() > 64) {
            return Optional.empty();
        }
        List<String> sorted = new ArrayList<>(choices);
        sorted.sort(Comparator.comparingInt((String c) -> distance(word.toLowerCase(java.util.Locale.ROOT), c))
                .thenComparing(Comparator.naturalOrder()));
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        String best = sorted.get(0);
        int d = distance(word.toLowerCase(java.util.Locale.ROOT), best);
        int allowed = Math.max(1, Math.min(3, best.length() / 3));
        if (d <= allowed && d < word.length()) {
            return Optional.of(best);
        }
        // "accuracy" for "val_accuracy": a word that is part of exactly one choice
        List<String> containing = word.length() < 3 ? List.of()
                : choices.stream().filter(c -> c.contains(word)).toList();
        return containing.size() == 1 ? Optional.of(containing.get(0)) : Optional.empty();
    }

    /** " (did you mean 'x'?)" or "". */
    static String didYouMean(String word, List<String> choices) {
        return closest(word, choices).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    /**
     * Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions):
     * d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + [a_i != b_j],
     * d[i-2][j-2] + 1 if a_i = b_{j-1} and a_{i-1} = b_j).
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
