package dev.cnnc.runtime.golden;

import java.util.Map;

/**
 * The elementwise acceptance rule of the golden fixtures: {@code |actual − expected| ≤ abs +
 * rel·|expected|} (testdata/golden/FIXTURES.md, "Tolerance").
 *
 * @param abs the absolute part
 * @param rel the relative part
 */
public record Tolerance(double abs, double rel) {
    /** Validates that both parts are finite and non-negative. */
    public Tolerance {
        if (!(abs >= 0 && rel >= 0 && Double.isFinite(abs) && Double.isFinite(rel))) {
            throw new IllegalArgumentException("tolerance must be finite and >= 0: abs=" + abs + " rel=" + rel);
        }
    }

    /** Parses {@code {"abs": "1e-4", "rel": "1e-4"}} (values are strings in the manifest). */
    static Tolerance parse(Object node, String where) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new IllegalStateException(where + ": tolerance must be an object, found " + node);
        }
        return new Tolerance(GoldenParams.toDouble(map.get("abs"), where + ".abs"),
                GoldenParams.toDouble(map.get("rel"), where + ".rel"));
    }

    /** Returns the allowed deviation from {@code expected}. */
    public double bound(double expected) {
        return abs + rel * Math.abs(expected);
    }

    /** Returns true when {@code actual} is within the bound of {@code expected} (NaN never is). */
    public boolean allows(double expected, double actual) {
        return Math.abs(actual - expected) <= bound(expected);
    }

    /** Checks every element of {@code actual} against {@code expected}; see {@link #assertClose(String, float[], float[])}. */
    public void assertClose(GoldenTensor expected, float[] actual) {
        assertClose(expected.name(), expected.data(), actual);
    }

    /**
     * Checks every element and, on failure, throws an {@link AssertionError} that names the
     * tensor, the number of bad elements, and the worst one with its index, both values and the
     * share of the tolerance it uses.
     */
    public void assertClose(String what, float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": expected " + expected.length + " values, got " + actual.length);
        }
        int bad = 0;
        int worst = -1;
        double worstShare = -1;
        for (int i = 0; i < expected.length; i++) {
            double share = Math.abs((double) actual[i] - expected[i]) / bound(expected[i]);
            if (Double.isNaN(share)) {
                share = Double.POSITIVE_INFINITY;
            }
            if (share > 1) {
                bad++;
            }
            if (share > worstShare) {
                worstShare = share;
                worst = i;
            }
        }
        if (bad > 0) {
            throw new AssertionError(String.format(
                    "%s: %d of %d values outside |a-e| <= %s + %s*|e|; worst at index %d: expected %s, got %s"
                            + " (%.3g x the tolerance)",
                    what, bad, expected.length, abs, rel, worst, expected[worst], actual[worst], worstShare));
        }
    }
}
