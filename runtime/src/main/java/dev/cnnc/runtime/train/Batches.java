package dev.cnnc.runtime.train;

import java.util.NoSuchElementException;

/**
 * Iterates mini-batches of samples in a given order, filling reusable buffers.
 *
 * <p>Batch k holds the samples {@code order[k·B .. min((k+1)·B, n))}; the last batch may be
 * smaller (PyTorch's DataLoader with {@code drop_last=False}). {@link #next()} returns the same
 * {@link Batch} object every time with its buffers overwritten, so a training loop allocates
 * nothing per batch; values past {@link Batch#size()} samples are left from earlier batches.
 */
public final class Batches {
    private final Samples samples;
    private final int[] order;
    private final int batchSize;
    private final Batch batch;
    private int position;

    /**
     * Creates an iterator over {@code order} (indices into {@code samples}) in batches of
     * {@code batchSize}.
     */
    public Batches(Samples samples, int[] order, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.samples = samples;
        this.order = order.clone();
        this.batchSize = batchSize;
        this.batch = new Batch(new float[batchSize * samples.sampleSize()], new int[batchSize], new int[batchSize]);
    }

    /** Returns the number of batches, {@code ⌈n / B⌉}. */
    public int batchCount() {
        return (order.length + batchSize - 1) / batchSize;
    }

    /** Returns the number of samples over all batches. */
    public int sampleCount() {
        return order.length;
    }

    /** Returns true while batches remain. */
    public boolean hasNext() {
        return position < order.length;
    }

    /** Fills and returns the next batch (the same object each time). */
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no batches left");
        }
        int size = Math.min(batchSize, order.length - position);
        int width = samples.sampleSize();
        for (int k = 0; k < size; k++) {
            int idx = order[position + k];
            samples.copyInput(idx, batch.inputs, k * width);
            batch.labels[k] = samples.label(idx);
            batch.indices[k] = idx;
        }
        batch.size = size;
        position += size;
        return batch;
    }

    /** One mini-batch: {@link #size()} samples' inputs back to back, their labels and indices. */
    public static final class Batch {
        private final float[] inputs;
        private final int[] labels;
        private final int[] indices;
        private int size;

        Batch(float[] inputs, int[] labels, int[] indices) {
            this.inputs = inputs;
            this.labels = labels;
            this.indices = indices;
        }

        /** Returns the input buffer: sample k occupies {@code [k·sampleSize, (k+1)·sampleSize)}. */
        public float[] inputs() {
            return inputs;
        }

        /** Returns the label buffer; the first {@link #size()} entries are valid. */
        public int[] labels() {
            return labels;
        }

        /** Returns the data-set indices of the samples; the first {@link #size()} are valid. */
        public int[] indices() {
            return indices;
        }

        /** Returns the number of samples in this batch. */
        public int size() {
            return size;
        }
    }
}
