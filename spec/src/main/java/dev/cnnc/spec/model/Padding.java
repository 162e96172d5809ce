package dev.cnnc.spec.model;

import java.util.List;

/**
 * Padding as written: {@code valid}, {@code same}, or explicit amounts per axis.
 * {@code same} is resolved against the input size by the shape checker (output =
 * ceil(input / stride), the odd pixel bottom/right as in TensorFlow).
 */
public sealed interface Padding permits Padding.Valid, Padding.Same, Padding.Explicit {

    /** No padding. */
    record Valid() implements Padding {
    }

    /** Output size ceil(input / stride). */
    record Same() implements Padding {
    }

    /**
     * Explicit padding per spatial axis (axis 0 = H or L, axis 1 = W).
     *
     * @param before top (2-D axis 0), left (2-D axis 1 and 1-D)
     * @param after  bottom, right
     */
    record Explicit(List<Integer> before, List<Integer> after) implements Padding {
        public Explicit {
            before = List.copyOf(before);
            after = List.copyOf(after);
            Check.that(before.size() == after.size(), "padding before/after differ in rank");
            before.forEach(v -> Check.that(v >= 0, "padding must be >= 0, got " + v));
            after.forEach(v -> Check.that(v >= 0, "padding must be >= 0, got " + v));
        }

        /** The same amount on both sides of every one of {@code rank} axes. */
        public static Explicit uniform(int amount, int rank) {
            return new Explicit(java.util.Collections.nCopies(rank, amount),
                    java.util.Collections.nCopies(rank, amount));
        }

        public int rank() {
            return before.size();
        }
    }

    Padding VALID = new Valid();
    Padding SAME = new Same();
}
