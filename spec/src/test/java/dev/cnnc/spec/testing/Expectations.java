package dev.cnnc.spec.testing;

import dev.cnnc.spec.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expected diagnostics written inline in a YAML test file, in the style of jlox and
 * error-prone tests:
 *
 * <pre>
 * # expect-error: kernel-too-large 7:38
 * # expect-warning: unread-input 9:5 "rows 27 are never read"
 * </pre>
 *
 * Each line names the severity, the stable code, the 1-based line:col the diagnostic must
 * point at, and optionally a fragment its message (or hints) must contain. A file with no
 * expectation lines must produce no diagnostics at all. Used by the corpus tests of the
 * spec and compiler modules (published as this module's test-jar).
 */
public record Expectations(List<Expected> expected) {
    private static final Pattern LINE = Pattern.compile(
            "#\\s*expect-(error|warning):\\s*([a-z0-9-]+)\\s+(\\d+):(\\d+)(?:\\s+\"(.*)\")?\\s*$");

    /** One expected diagnostic. */
    public record Expected(String severity, String code, int line, int column, Optional<String> fragment) {
        String key() {
            return severity + " " + code + " " + line + ":" + column;
        }
    }

    /** Parses every {@code # expect-...} comment in the text. */
    public static Expectations parse(String yamlText) {
        List<Expected> out = new ArrayList<>();
        for (String raw : yamlText.split("\n", -1)) {
            int hash = raw.indexOf("# expect-");
            if (hash < 0) {
                continue;
            }
            Matcher m = LINE.matcher(raw.substring(hash).strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("malformed expectation: " + raw);
            }
            out.add(new Expected(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Optional.ofNullable(m.group(5))));
        }
        return new Expectations(List.copyOf(out));
    }

    /**
     * Compares with what was reported; returns a human-readable list of differences,
     * empty when everything expected was reported and nothing else.
     */
    public List<String> mismatches(List<Diagnostic> actual) {
        TreeSet<String> want = new TreeSet<>();
        expected.forEach(e -> want.add(e.key()));
        TreeSet<String> got = new TreeSet<>();
        for (Diagnostic d : actual) {
            got.add(d.severity().label() + " " + d.code().id() + " " + d.position().line() + ":" + d.position().column());
        }
        List<String> problems = new ArrayList<>();
        for (String w : want) {
            if (!got.contains(w)) {
                problems.add("missing: " + w);
            }
        }
        for (Diagnostic d : actual) {
            String k = d.severity().label() + " " + d.code().id() + " " + d.position().line() + ":" + d.position().column();
            if (!want.contains(k)) {
                problems.add("unexpected: " + k + " " + d.message());
            }
        }
        for (Expected e : expected) {
            e.fragment().ifPresent(f -> {
                boolean found = actual.stream().anyMatch(d -> (d.severity().label() + " " + d.code().id() + " "
                        + d.position().line() + ":" + d.position().column()).equals(e.key())
                        && (d.message().contains(f) || d.hints().stream().anyMatch(h -> h.contains(f))));
                if (!found) {
                    problems.add("no message or hint containing \"" + f + "\" for " + e.key());
                }
            });
        }
        return problems;
    }
}
