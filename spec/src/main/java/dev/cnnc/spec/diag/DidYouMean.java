package dev.cnnc.spec.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the known word a misspelt one was meant to be ("did you mean"), for every stage:
 * unknown keys, layer types and enum words in the reader, undefined inputs in the shape checker.
 */
public final class DidYouMean {
    /** Longer words get no suggestion: a typo is short, and the distance table is |a|·|b|. */
    static final int MAX_WORD = 64;

    private DidYouMean() {
    }

    /**
     * The closest choice if it is close enough to be a typo: within optimal string alignment
     * distance max(1, min(3, |choice| / 3)) and less than the word's length (case ignored; ties
     * go to the alphabetically first). Failing that, the one choice that contains the word, so
     * that "accuracy" suggests "val_accuracy".
     */
    public static Optional<String> closest(String word, Collection<String> choices) {
        if (word.length() > MAX_WORD || choices.isEmpty()) {
            return Optional.empty();
        }
        String lower = word.toLowerCase(Locale.ROOT);
        List<String> sorted = new ArrayList<>(choices);
        sorted.sort(Comparator.comparingInt((String c) -> distance(lower, c.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder()));
        String best = sorted.get(0);
        int d = distance(lower, best.toLowerCase(Locale.ROOT));
        int allowed = Math.max(1, Math.min(3, best.length() / 3));
        if (d <= allowed && d < word.length()) {
            return Optional.of(best);
        }
        List<String> containing = word.length() < 3 ? List.of()
                : choices.stream().filter(c -> c.contains(word)).toList();
        return containing.size() == 1 ? Optional.of(containing.get(0)) : Optional.empty();
    }

    /** {@code "; did you mean 'x'?"} for the {@link #closest} choice, or {@code ""}. */
    public static String suffix(String word, Collection<String> choices) {
        return closest(word, choices).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    /**
     * Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions):
     * d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + [a_i != b_j],
     * d[i-2][j-2] + 1 if a_i = b_{j-1} and a_{i-1} = b_j), so "inptu" is 1 from "input".
     */
    public static int distance(String a, String b) {
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
