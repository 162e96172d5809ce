package dev.cnnc.spec.yaml;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The entries of one YAML mapping after key checks (string keys, no duplicates, known
 * keys), in file order.
 *
 * @param self the mapping itself (for "missing key" errors)
 */
record Fields(Val self, Map<String, Entry> entries, java.util.Set<String> suggested) {
    /** One key and its value. */
    record Entry(Val key, Val value) {
    }

    Fields {
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        suggested = java.util.Set.copyOf(suggested);
    }

    Fields(Val self, Map<String, Entry> entries) {
        this(self, entries, java.util.Set.of());
    }

    /**
     * Whether a missing {@code key} should be reported: not when an unknown key was a typo
     * of it ("did you mean"), which is the same mistake.
     */
    boolean reportMissing(String key) {
        return !suggested.contains(key);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Optional<Val> get(String key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::value);
    }
}
