package dev.cnnc.runtime.report;

import dev.cnnc.runtime.train.ParamLayout;
import dev.cnnc.runtime.train.ParamTensor;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code kernels.png}: the filters of the first convolution as a grid of small grayscale images.
 *
 * <p>A conv weight {@code [out, in, kh, kw]} (1-D: {@code [out, in, k]}, drawn {@code 1 × k}) gives
 * one block per output filter: its input channels' images side by side, {@link #GAP} pixels
 * apart. The blocks fill a grid, {@link #FILTER_GAP} pixels apart, with as many columns as make
 * the picture closest to square (LeNet-5's six 5x5 filters: three by two; a single column of
 * blocks was a thin strip). Each filter is normalised on its own, over all its input channels:
 * its minimum is black and its maximum white ({@code (w − min) / (max − min)}; a constant filter
 * is mid-gray). Each weight is a square of {@link #CELL} pixels (nearest-neighbour upscaling).
 */
public final class KernelImage {
    /** The side of one weight in pixels. */
    public static final int CELL = 8;
    /** The gap between the channel images of one filter, in pixels. */
    public static final int GAP = 2;
    /** The gap between filters (and around the picture), in pixels. */
    public static final int FILTER_GAP = 3 * GAP;

    private KernelImage() {
    }

    /** Returns the first weight of rank 3 or 4 in layout order (the first conv layer), if any. */
    public static Optional<ParamTensor> firstConvWeight(ParamLayout layout) {
        return layout.tensors().stream()
                .filter(t -> t.kind() == ParamTensor.Kind.WEIGHT && (t.rank() == 3 || t.rank() == 4))
                .findFirst();
    }

    /** Returns the PNG bytes of the grid for one conv weight in the flat parameter array. */
    public static byte[] png(float[] params, ParamTensor weight) throws IOException {
        return Images.png("kernels.png", () -> render(params, weight));
    }

    /** Draws the grid. */
    public static BufferedImage render(float[] params, ParamTensor weight) {
        int[] s = weight.shape();
        if (s.length != 3 && s.length != 4) {
            throw new IllegalArgumentException(weight.name() + ": a conv weight has rank 3 or 4, got " + s.length);
        }
        int out = s[0];
        int in = s[1];
        int kh = s.length == 4 ? s[2] : 1;
        int kw = s[s.length - 1];
        int tileW = kw * CELL;
        int tileH = kh * CELL;
        int blockW = in * (tileW + GAP) - GAP;
        int cols = columns(out, blockW, tileH);
        int rows = (out + cols - 1) / cols;
        BufferedImage img = new BufferedImage(FILTER_GAP + cols * (blockW + FILTER_GAP),
                FILTER_GAP + rows * (tileH + FILTER_GAP), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            int per = in * kh * kw;
            for (int o = 0; o < out; o++) {
                int base = weight.offset() + o * per;
                float[] range = minMax(params, base, per);
                int x0 = FILTER_GAP + (o % cols) * (blockW + FILTER_GAP);
                int y0 = FILTER_GAP + (o / cols) * (tileH + FILTER_GAP);
                for (int c = 0; c < in; c++) {
                    for (int y = 0; y < kh; y++) {
                        for (int x = 0; x < kw; x++) {
                            float v = params[base + (c * kh + y) * kw + x];
                            g.setColor(gray(v, range));
                            g.fillRect(x0 + c * (tileW + GAP) + x * CELL, y0 + y * CELL, CELL, CELL);
                        }
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * The number of grid columns for {@code count} blocks of {@code blockW × blockH} pixels that
     * makes the picture closest to square (the smallest |log(width / height)|; on a tie the wider).
     */
    static int columns(int count, int blockW, int blockH) {
        int best = 1;
        double bestSkew = Double.POSITIVE_INFINITY;
        for (int cols = 1; cols <= count; cols++) {
            int rows = (count + cols - 1) / cols;
            double skew = Math.abs(Math.log((FILTER_GAP + cols * (blockW + FILTER_GAP))
                    / (double) (FILTER_GAP + rows * (blockH + FILTER_GAP))));
            if (skew <= bestSkew + 1e-12) {
                best = cols;
                bestSkew = Math.min(skew, bestSkew);
            }
        }
        return best;
    }

    /** Returns the gray level 0..255 of {@code v} in the filter's range. */
    static int level(float v, float[] range) {
        float span = range[1] - range[0];
        if (!(span > 0)) {
            return 128;
        }
        return Math.round((v - range[0]) / span * 255f);
    }

    private static Color gray(float v, float[] range) {
        int l = level(v, range);
        return new Color(l, l, l);
    }

    private static float[] minMax(float[] p, int from, int count) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = from; i < from + count; i++) {
            lo = Math.min(lo, p[i]);
            hi = Math.max(hi, p[i]);
        }
        return new float[] {lo, hi};
    }
}
