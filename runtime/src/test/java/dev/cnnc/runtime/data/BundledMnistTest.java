package dev.cnnc.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the data set bundled in data/mnist-10k and checks it against the numbers published
 * with it (data/README.md, from the converter that made the files).
 */
class BundledMnistTest {
    private static IdxDirectory.Splits splits;

    @BeforeAll
    static void load() throws Exception {
        // Maven runs tests in the module directory; the data lives at the repository root.
        splits = IdxDirectory.load(Path.of("..", "data", "mnist-10k"));
    }

    @Test
    void countsAndShape() {
        assertEquals(8000, splits.train().size());
        assertEquals(2000, splits.test().size());
        assertArrayEquals(new int[] {1, 28, 28}, splits.train().imageShape());
        assertArrayEquals(new int[] {1, 28, 28}, splits.test().imageShape());
    }

    @Test
    void labelsAreDigitsWithThePublishedClassCounts() {
        int[] train = new int[10];
        int[] test = new int[10];
        for (int l : splits.train().labels()) {
            assertTrue(l >= 0 && l <= 9, "label " + l);
            train[l]++;
        }
        for (int l : splits.test().labels()) {
            test[l]++;
        }
        assertArrayEquals(new int[] {801, 902, 793, 826, 784, 690, 811, 856, 755, 782}, train);
        assertArrayEquals(new int[] {200, 225, 198, 206, 196, 173, 203, 214, 189, 196}, test);
        assertEquals(10, splits.train().classCount());
    }

    @Test
    void firstLabelsMatchThePublishedQuickChecks() {
        int[] first = java.util.Arrays.copyOf(splits.train().labels(), 20);
        assertArrayEquals(new int[] {1, 6, 1, 0, 9, 0, 7, 7, 7, 6, 5, 0, 7, 3, 0, 9, 4, 4, 4, 1}, first);
        int[] firstTest = java.util.Arrays.copyOf(splits.test().labels(), 20);
        assertArrayEquals(new int[] {4, 4, 6, 1, 6, 4, 4, 2, 8, 5, 9, 9, 6, 1, 6, 4, 3, 0, 6, 1}, firstTest);
    }

    @Test
    void pixelsAreScaledBytes() {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        double byteSum = 0;
        for (float p : splits.train().pixels()) {
            min = Math.min(min, p);
            max = Math.max(max, p);
            double b = p * 255.0;
            assertEquals(Math.rint(b), b, 1e-4, "every pixel is a byte / 255");
            byteSum += Math.rint(b);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        assertEquals(33.424, byteSum / splits.train().pixels().length, 5e-4, "published mean pixel");
        double image0 = 0;
        for (float p : splits.train().image(0)) {
            image0 += Math.rint(p * 255.0);
        }
        assertEquals(9692, image0, "published sum of image 0");
        double test0 = 0;
        for (float p : splits.test().image(0)) {
            test0 += Math.rint(p * 255.0);
        }
        assertEquals(22033, test0);
    }
}
