package dev.cnnc.runtime.train;

/**
 * Random access to labelled samples whose inputs are flat float arrays with values in [0, 1].
 *
 * <p>Inputs are passed as read, before {@code normalize}: the generated model applies the
 * normalisation itself (contract §1), so nothing here changes pixel values. A data set class
 * adapts to this with {@link #of(float[], int[], int)} when it holds one contiguous array.
 */
public interface Samples {
    /** Returns the number of samples. */
    int size();

    /** Returns the number of input values per sample (e.g. C·H·W). */
    int sampleSize();

    /** Copies the input of sample {@code i} into {@code dst} at {@code offset}. */
    void copyInput(int i, float[] dst, int offset);

    /** Returns the class label of sample {@code i}. */
    int label(int i);

    /**
     * Returns samples backed by one array holding {@code labels.length} inputs of
     * {@code sampleSize} values each, back to back (not copied).
     */
    static Samples of(float[] inputs, int[] labels, int sampleSize) {
        if (sampleSize <= 0 || (long) labels.length * sampleSize != inputs.length) {
            throw new IllegalArgumentException(labels.length + " samples of " + sampleSize + " values need "
                    + (long) labels.length * sampleSize + " inputs, got " + inputs.length);
        }
        return new Samples() {
            @Override
            public int size() {
                return labels.length;
            }

            @Override
            public int sampleSize() {
                return sampleSize;
            }

            @Override
            public void copyInput(int i, float[] dst, int offset) {
                System.arraycopy(inputs, i * sampleSize, dst, offset, sampleSize);
            }

            @Override
            public int label(int i) {
                return labels[i];
            }
        };
    }
}
