package dev.cnnc.runtime.run;

import dev.cnnc.spec.model.TrainSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The text of a run's {@code spec.yaml}: the spec exactly as given, followed (only when flags
 * overrode the {@code train:} section) by comment lines naming the flags and the values used.
 */
final class SpecRecord {
    private SpecRecord() {
    }

    /** Returns the spec text with the overrides recorded. */
    static String render(String text, Overrides overrides, TrainSpec used) {
        if (overrides.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            sb.append('\n');
        }
        sb.append("\n# cnnc train: command-line flags overrode the train: section above: ")
                .append(overrides.toFlags()).append('\n');
        sb.append(String.format(Locale.ROOT, "# values used: epochs %d, batch %d, lr %s, seed %d%n", used.epochs(),
                used.batch(), used.optimizer().lr(), used.seed()));
        sb.append("# to repeat this run: cnnc train spec.yaml ").append(overrides.toFlags()).append('\n');
        return sb.toString();
    }

    /** Returns the SHA-256 of the text's UTF-8 bytes, in hex. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
