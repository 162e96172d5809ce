package dev.cnnc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.BitSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Validation split, per-epoch shuffle and mini-batches. */
class DataSplitTest {
    @Property
    void splitIsAPartitionOfTheRightSize(@ForAll @IntRange(min = 0, max = 500) int n,
            @ForAll @DoubleRange(min = 0, max = 0.9) double fraction, @ForAll long seed) {
        DataSplit s = DataSplit.of(n, fraction, seed);
        int held = (int) Math.floor(n * fraction);
        if (fraction > 0 && n >= 2 && held == 0) {
            held = 1;
        }
        assertEquals(held, s.validation().length);
        assertEquals(n - held, s.train().length);
        BitSet seen = new BitSet();
        for (int i : s.train()) {
            seen.set(i);
        }
        for (int i : s.validation()) {
            assertFalse(seen.get(i), "index " + i + " in both parts");
            seen.set(i);
        }
        assertEquals(n, seen.cardinality());
        assertTrue(isSorted(s.train()) && isSorted(s.validation()));
    }

    @Test
    void splitIsReproducibleAndDependsOnTheSeed() {
        assertEquals(DataSplit.of(1000, 0.2, 5), DataSplit.of(1000, 0.2, 5));
        assertFalse(DataSplit.of(1000, 0.2, 5).equals(DataSplit.of(1000, 0.2, 6)));
        // the held-out samples are spread over the file, not its tail
        int[] val = DataSplit.of(1000, 0.2, 5).validation();
        assertTrue(val[0] < 100 && val[val.length - 1] >= 900, Arrays.toString(val));
    }

    @Test
    void noSplitKeepsEverySampleInOrder() {
        DataSplit s = DataSplit.of(5, 0, 1);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, s.train());
        assertFalse(s.hasValidation());
    }

    @Test
    void epochOrderIsAPermutationThatChangesPerEpochAndRepeatsPerSeed() {
        DataSplit s = DataSplit.of(100, 0.1, 9);
        int[] e0 = s.epochOrder(9, 0);
        int[] e1 = s.epochOrder(9, 1);
        assertArrayEquals(e0, s.epochOrder(9, 0));
        assertFalse(Arrays.equals(e0, e1));
        assertFalse(Arrays.equals(e0, s.epochOrder(10, 0)));
        int[] sorted = e1.clone();
        Arrays.sort(sorted);
        assertArrayEquals(s.train(), sorted);
    }

    @Test
    void shuffleIsUniformOverPositions() {
        // each of 4 elements lands at each position with probability 1/4
        int[][] counts = new int[4][4];
        DataSplit s = DataSplit.of(4, 0, 0);
        int trials = 8000;
        for (int e = 0; e < trials; e++) {
            int[] o = s.epochOrder(123, e);
            for (int pos = 0; pos < 4; pos++) {
                counts[o[pos]][pos]++;
            }
        }
        for (int[] row : counts) {
            for (int c : row) {
                assertEquals(trials / 4.0, c, 5 * Math.sqrt(trials * 0.25 * 0.75), Arrays.deepToString(counts));
            }
        }
    }

    @Test
    void batchesCoverTheOrderWithAShortLastBatch() {
        float[] inputs = new float[10 * 3];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            labels[i] = i % 3;
            Arrays.fill(inputs, i * 3, i * 3 + 3, i / 10f);
        }
        int[] order = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        Batches b = new Batches(Samples.of(inputs, labels, 3), order, 4);
        assertEquals(3, b.batchCount());
        int[] sizes = new int[3];
        Batches.Batch first = null;
        int k = 0;
        while (b.hasNext()) {
            Batches.Batch batch = b.next();
            if (first == null) {
                first = batch;
            }
            assertSame(first, batch, "buffers are reused");
            sizes[k] = batch.size();
            for (int j = 0; j < batch.size(); j++) {
                int idx = order[k * 4 + j];
                assertEquals(idx, batch.indices()[j]);
                assertEquals(idx % 3, batch.labels()[j]);
                assertEquals(idx / 10f, batch.inputs()[j * 3 + 2]);
            }
            k++;
        }
        assertArrayEquals(new int[] {4, 4, 2}, sizes);
        assertThrows(java.util.NoSuchElementException.class, b::next);
    }

    @Test
    void samplesRejectMismatchedArrays() {
        assertThrows(IllegalArgumentException.class, () -> Samples.of(new float[7], new int[2], 3));
    }

    private static boolean isSorted(int[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i - 1] >= a[i]) {
                return false;
            }
        }
        return true;
    }
}
