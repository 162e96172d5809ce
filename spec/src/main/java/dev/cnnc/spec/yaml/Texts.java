package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.DidYouMean;
import dev.cnnc.spec.diag.Json;
import java.util.List;

/** Message helpers: safe quoting of user text, lists of choices ("did you mean" is {@link DidYouMean}). */
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
}
