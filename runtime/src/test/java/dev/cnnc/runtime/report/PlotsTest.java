package dev.cnnc.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.train.EpochMetrics;
import dev.cnnc.runtime.train.ParamLayout;
import dev.cnnc.runtime.train.ParamTensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** curves.png and kernels.png, drawn headless. */
class PlotsTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void curvesArePngWithBothSeriesInBothPanels() throws IOException {
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int e = 1; e <= 12; e++) {
            epochs.add(EpochMetrics.of(e, 2.0 / e, 1 - 0.5 / e, 2.2 / e, 1 - 0.6 / e, 0.01, 1));
        }
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(CurvesPlot.png(epochs)));
        assertEquals(CurvesPlot.WIDTH, img.getWidth());
        assertEquals(CurvesPlot.HEIGHT, img.getHeight());
        int half = CurvesPlot.WIDTH / 2;
        for (int[] range : new int[][] {{0, half}, {half, CurvesPlot.WIDTH}}) {
            assertTrue(countColor(img, range, CurvesPlot.TRAIN.getRGB()) > 200, "train series drawn");
            assertTrue(countColor(img, range, CurvesPlot.VALIDATION.getRGB()) > 200, "validation series drawn");
            assertTrue(countColor(img, range, 0xff000000) > 500, "axes, ticks and labels drawn");
        }
    }

    @Test
    void curvesWithoutValidationOrWithOneEpochStillDraw() throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(CurvesPlot.png(List.of(
                EpochMetrics.withoutValidation(1, Double.NaN, 0.5, 0.1, 1)))));
        int[] all = {0, CurvesPlot.WIDTH};
        assertEquals(0, countColor(img, all, CurvesPlot.VALIDATION.getRGB()), "no validation series or legend");
        assertTrue(countColor(img, all, CurvesPlot.TRAIN.getRGB()) > 0, "train legend and accuracy point");
    }

    @Test
    void niceTicksCoverTheRange() {
        NiceScale s = NiceScale.of(0.123, 0.987, 6);
        assertEquals(0.0, s.min(), 1e-12); // Heckbert: range nice(0.864) = 1, step nice(1/5) = 0.2, floor(0.123/0.2)·0.2 = 0
        assertEquals(1.0, s.max(), 1e-12);
        assertEquals(0.2, s.step(), 1e-12);
        assertEquals("0.4", s.label(s.ticks().get(1) + 0.2));
        NiceScale epochs = NiceScale.of(1, 37, 10);
        assertTrue(epochs.min() <= 1 && epochs.max() >= 37 && epochs.step() == 5, epochs.toString());
        NiceScale flat = NiceScale.of(3, 3, 5);
        assertTrue(flat.min() < 3 && flat.max() > 3);
    }

    @Test
    void kernelsAreNormalisedPerFilterAndLaidOutInAGrid() throws IOException {
        ParamLayout layout = ParamLayout.packed(List.of(
                new ParamLayout.Entry("fc.weight", new int[] {2, 2}, ParamTensor.Kind.WEIGHT),
                new ParamLayout.Entry("c1.weight", new int[] {2, 2, 2, 3}, ParamTensor.Kind.WEIGHT),
                new ParamLayout.Entry("c2.weight", new int[] {1, 2, 1, 1}, ParamTensor.Kind.WEIGHT)));
        ParamTensor w = KernelImage.firstConvWeight(layout).orElseThrow();
        assertEquals("c1.weight", w.name());
        float[] p = new float[layout.size()];
        // filter 0 ranges over -1..1, filter 1 over 100..200: each gets its own black and white
        for (int i = 0; i < 12; i++) {
            p[4 + i] = -1 + 2 * i / 11f;
            p[4 + 12 + i] = 100 + 100 * i / 11f;
        }
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(KernelImage.png(p, w)));
        int cell = KernelImage.CELL;
        int gap = KernelImage.GAP;
        int fg = KernelImage.FILTER_GAP;
        // two blocks of 2 channels x (2x3 weights): one column is closer to square than two
        int blockW = 2 * (3 * cell + gap) - gap;
        assertEquals(fg + blockW + fg, img.getWidth());
        assertEquals(fg + 2 * (2 * cell + fg), img.getHeight());
        for (int o = 0; o < 2; o++) {
            int y0 = fg + o * (2 * cell + fg);
            assertEquals(0, img.getRGB(fg + 1, y0 + 1) & 0xff, "first weight of filter " + o + " is black");
            int lastX = fg + (3 * cell + gap) + 2 * cell + 1; // channel 1, column 2
            assertEquals(255, img.getRGB(lastX, y0 + cell + 1) & 0xff, "last weight of filter " + o + " is white");
            int mid = img.getRGB(fg + 2 * cell + 1, y0 + cell + 1) & 0xff; // channel 0, row 1, col 2: i = 5
            assertEquals(Math.round(5 / 11f * 255), mid, 1);
            assertEquals(0xffffff, img.getRGB(fg + 3 * cell, y0 + 1) & 0xffffff, "gap between channels");
        }
        assertEquals(0xffffff, img.getRGB(0, 0) & 0xffffff, "white gap");
        assertEquals(128, KernelImage.level(3f, new float[] {3f, 3f}), "constant filter is mid-gray");
        assertFalse(KernelImage.firstConvWeight(ParamLayout.packed(List.of(
                new ParamLayout.Entry("fc.weight", new int[] {2, 2}, ParamTensor.Kind.WEIGHT)))).isPresent());
    }

    /** LeNet-5's six 5x5 filters make three columns of two; one filter, one column; a long row of 1-D filters, a grid. */
    @Test
    void kernelGridIsAsCloseToSquareAsItGets() {
        int tile = 5 * KernelImage.CELL;
        assertEquals(3, KernelImage.columns(6, tile, tile));
        assertEquals(1, KernelImage.columns(1, tile, tile));
        assertEquals(4, KernelImage.columns(16, tile, tile));
        // the 1-D example: 16 filters of 1 x 7 weights (56 x 8 pixels): two columns of eight
        assertEquals(2, KernelImage.columns(16, 7 * KernelImage.CELL, KernelImage.CELL));
    }

    private static int countColor(BufferedImage img, int[] xRange, int argb) {
        int n = 0;
        for (int x = xRange[0]; x < xRange[1]; x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                if (img.getRGB(x, y) == argb) {
                    n++;
                }
            }
        }
        return n;
    }
}
