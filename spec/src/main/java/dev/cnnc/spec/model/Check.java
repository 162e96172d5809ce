package dev.cnnc.spec.model;

import java.util.List;

/** Fail-fast argument checks for record constructors (programmer errors, not user errors). */
final class Check {
    private Check() {
    }

    static void that(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    static int positive(int value, String what) {
        that(value > 0, what + " must be positive, got " + value);
        return value;
    }

    static List<Integer> positives(List<Integer> values, int rank, String what) {
        that(values.size() == rank, what + " must have " + rank + " entries, got " + values);
        values.forEach(v -> positive(v, what));
        return List.copyOf(values);
    }
}
