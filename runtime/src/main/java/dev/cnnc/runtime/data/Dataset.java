package dev.cnnc.runtime.data;

import java.util.Arrays;

/**
 * Labelled images with pixels scaled to [0, 1] (byte value / 255, contract §3), channels first.
 *
 * <p>Image {@code i} occupies {@code pixels[i·C·H·W .. (i+1)·C·H·W)} in C, H, W order. The
 * dataset owns its arrays; {@link #pixels()} exposes them without copying for fast batching, and
 * callers must not modify them. Normalization ({@code normalize} in the spec) is applied by the
 * model, not here.
 */
public final class Dataset {
    private final int channels;
    private final int height;
    private final int width;
    private final float[] pixels;
    private final int[] labels;

    /**
     * Creates a dataset; takes ownership of both arrays.
     *
     * @throws IllegalArgumentException when the sizes disagree or a label is negative
     */
    public Dataset(int channels, int height, int width, float[] pixels, int[] labels) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive: [" + channels + ", "
                    + height + ", " + width + "]");
        }
        long per = (long) channels * height * width;
        if (per * labels.length != pixels.length) {
            throw new IllegalArgumentException(labels.length + " images of " + per + " values need "
                    + per * labels.length + " pixels, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label " + i + " is negative: " + labels[i]);
            }
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.labels = labels;
    }

    /** Returns the number of images. */
    public int size() {
        return labels.length;
    }

    /** Returns C. */
    public int channels() {
        return channels;
    }

    /** Returns H. */
    public int height() {
        return height;
    }

    /** Returns W. */
    public int width() {
        return width;
    }

    /** Returns the image shape {@code [C, H, W]}. */
    public int[] imageShape() {
        return new int[] {channels, height, width};
    }

    /** Returns C·H·W, the values per image. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Returns the label of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** Returns a copy of the labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Returns the largest label + 1 (0 for an empty dataset). */
    public int classCount() {
        int max = -1;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        return max + 1;
    }

    /** Returns all pixels, not copied: read only. */
    public float[] pixels() {
        return pixels;
    }

    /** Copies image {@code i} into {@code dst[offset .. offset + imageSize())}. */
    public void copyImage(int i, float[] dst, int offset) {
        int n = imageSize();
        System.arraycopy(pixels, i * n, dst, offset, n);
    }

    /** Returns a copy of image {@code i}. */
    public float[] image(int i) {
        int n = imageSize();
        return Arrays.copyOfRange(pixels, i * n, (i + 1) * n);
    }

    /** Returns images {@code [from, to)} as a new dataset (copied). */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + size() + " images");
        }
        int n = imageSize();
        return new Dataset(channels, height, width, Arrays.copyOfRange(pixels, from * n, to * n),
                Arrays.copyOfRange(labels, from, to));
    }

    @Override
    public String toString() {
        return "Dataset[" + size() + " images of " + Arrays.toString(imageShape()) + "]";
    }
}
