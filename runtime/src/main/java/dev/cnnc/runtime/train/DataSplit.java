package dev.cnnc.runtime.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The split of a training set into the samples trained on and the samples held out for
 * validation ({@code validation_split}), plus the seeded per-epoch shuffle.
 *
 * <p>The split is deterministic: the indices {@code 0..n−1} are shuffled once with the stream
 * {@code Seeds.stream(seed, "split", 0)} and the <b>last</b> {@code ⌊n · validation_split⌋} of
 * that order are held out (at least one when the fraction is positive and n ≥ 2). The held-out
 * indices are then sorted, so validation visits them in data-set order; the training indices are
 * also sorted and are reshuffled every epoch by {@link #epochOrder}. (Keras instead holds out the
 * last samples of the file unshuffled, which is biased when the file is sorted by class.)
 *
 * @param train the indices trained on, ascending
 * @param validation the held-out indices, ascending (empty without a split)
 */
public record DataSplit(int[] train, int[] validation) {
    /** Copies both arrays. */
    public DataSplit {
        train = train.clone();
        validation = validation.clone();
    }

    /**
     * Splits {@code n} samples.
     *
     * @param fraction the validation fraction, in [0, 1)
     */
    public static DataSplit of(int n, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1) || n < 0) {
            throw new IllegalArgumentException("validation_split must be in [0, 1) and n >= 0; got "
                    + fraction + ", " + n);
        }
        int held = validationCount(n, fraction);
        if (held == 0) {
            return new DataSplit(identity(n), new int[0]);
        }
        int[] order = identity(n);
        shuffle(order, Seeds.stream(seed, "split", 0));
        int[] train = Arrays.copyOfRange(order, 0, n - held);
        int[] val = Arrays.copyOfRange(order, n - held, n);
        Arrays.sort(train);
        Arrays.sort(val);
        return new DataSplit(train, val);
    }

    /** Returns {@code ⌊n · fraction⌋}, raised to 1 when the fraction is positive and n ≥ 2. */
    public static int validationCount(int n, double fraction) {
        int held = (int) Math.floor(n * fraction);
        return fraction > 0 && n >= 2 ? Math.max(1, held) : held;
    }

    /** Returns a copy of the indices trained on. */
    @Override
    public int[] train() {
        return train.clone();
    }

    /** Returns a copy of the held-out indices. */
    @Override
    public int[] validation() {
        return validation.clone();
    }

    /** Returns true when samples are held out. */
    public boolean hasValidation() {
        return validation.length > 0;
    }

    /**
     * Returns the order in which epoch {@code epoch} (0-based) visits the training indices: a
     * Fisher–Yates shuffle with the stream {@code Seeds.stream(seed, "shuffle", epoch)}, so every
     * epoch has its own order and a resumed run repeats it exactly.
     */
    public int[] epochOrder(long seed, int epoch) {
        int[] order = train.clone();
        shuffle(order, Seeds.stream(seed, "shuffle", epoch));
        return order;
    }

    /** Shuffles in place by Fisher–Yates (Knuth, TAOCP vol. 2, Algorithm P). */
    static void shuffle(int[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataSplit s && Arrays.equals(s.train, train) && Arrays.equals(s.validation, validation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(validation);
    }

    @Override
    public String toString() {
        return "DataSplit[train=" + train.length + ", validation=" + validation.length + "]";
    }
}
