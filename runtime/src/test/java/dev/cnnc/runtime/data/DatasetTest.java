package dev.cnnc.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cnnc.runtime.InvalidFileException;
import org.junit.jupiter.api.Test;

class DatasetTest {
    private static Dataset threeImages() {
        // 3 images of [2, 1, 2]: image i holds i*10 + (0..3)
        float[] px = new float[12];
        for (int i = 0; i < 12; i++) {
            px[i] = (i / 4) * 10 + i % 4;
        }
        return new Dataset(2, 1, 2, px, new int[] {5, 0, 2});
    }

    @Test
    void imagesAreContiguousChannelsFirst() {
        Dataset d = threeImages();
        assertEquals(4, d.imageSize());
        assertArrayEquals(new float[] {20, 21, 22, 23}, d.image(2));
        float[] batch = new float[8];
        d.copyImage(1, batch, 4);
        assertArrayEquals(new float[] {0, 0, 0, 0, 10, 11, 12, 13}, batch);
        assertEquals(6, d.classCount());
    }

    @Test
    void sliceCopiesARange() {
        Dataset s = threeImages().slice(1, 3);
        assertEquals(2, s.size());
        assertArrayEquals(new int[] {0, 2}, s.labels());
        assertArrayEquals(new float[] {10, 11, 12, 13}, s.image(0));
        assertThrows(IndexOutOfBoundsException.class, () -> threeImages().slice(2, 4));
    }

    @Test
    void validatesSizesAndLabels() {
        assertThrows(IllegalArgumentException.class, () -> new Dataset(1, 2, 2, new float[7], new int[2]));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(1, 1, 1, new float[1], new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(0, 1, 1, new float[0], new int[0]));
    }

    @Test
    void dataProblemsAreInvalidFiles() {
        InvalidFileException e = new DataException("d.csv", java.util.List.of("a", "b"));
        assertInstanceOf(InvalidFileException.class, new dev.cnnc.runtime.safetensors.SafetensorsException("w", "x"));
        assertEquals("d.csv: a\nd.csv: b", e.getMessage());
        assertEquals("d.csv", e.file());
    }
}
