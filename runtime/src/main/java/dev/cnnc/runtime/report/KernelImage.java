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
 * one row per output filter and one column per input channel. Each filter is normalised on its
 * own, over all its input channels: its minimum is black and its maximum white
 * ({@code (w − min) / (max − min)}; a constant filter is mid-gray). Each weight is a square of
 * {@link #CELL} pixels (nearest-neighbour upscaling), with a {@link #GAP}-pixel white gap between
 * images.
 */
public final class KernelImage {
    /** The side of one weight in pixels. */
    public static final int CELL = 8;
    /** The gap between images in pixels. */
    public static final int GAP = 2;

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
        BufferedImage img = new BufferedImage(GAP + in * (tileW + GAP), GAP + out * (tileH + GAP),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            int per = in * kh * kw;
            for (int o = 0; o < out; o++) {
                int base = weight.offset() + o * per;
                float[] range = minMax(params, base, per);
                for (int c = 0; c < in; c++) {
                    for (int y = 0; y < kh; y++) {
                        for (int x = 0; x < kw; x++) {
                            float v = params[base + (c * kh + y) * kw + x];
                            g.setColor(gray(v, range));
                            g.fillRect(GAP + c * (tileW + GAP) + x * CELL, GAP + o * (tileH + GAP) + y * CELL,
                                    CELL, CELL);
                        }
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return img;
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
