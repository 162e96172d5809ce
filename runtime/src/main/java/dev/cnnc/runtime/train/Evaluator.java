package dev.cnnc.runtime.train;

/**
 * Runs a model in inference mode over samples and measures mean loss and accuracy.
 *
 * <p>Used for validation after each epoch and for {@code cnnc evaluate}; a {@link BatchSink}
 * sees every batch's outputs (e.g. to fill a confusion matrix).
 */
public final class Evaluator {
    /** Receives each evaluated batch. */
    @FunctionalInterface
    public interface BatchSink {
        /** Called with the outputs {@code [size, classes]} and labels of one batch. */
        void accept(float[] outputs, int[] labels, int size);
    }

    /**
     * The mean loss and the accuracy over the evaluated samples.
     *
     * @param loss mean loss per sample
     * @param correct samples whose largest output is their label
     * @param total samples evaluated
     */
    public record Result(double loss, long correct, long total) {
        /** Returns correct / total, 0 when nothing was evaluated. */
        public double accuracy() {
            return total == 0 ? 0 : (double) correct / total;
        }
    }

    private Evaluator() {
    }

    /** Evaluates the samples at {@code indices} in batches of {@code batchSize}. */
    public static Result evaluate(TrainableModel model, float[] params, Samples samples, int[] indices,
            int batchSize, LossFunction loss, BatchSink sink) {
        int classes = model.outputSize();
        float[] outputs = new float[batchSize * classes];
        Batches batches = new Batches(samples, indices, batchSize);
        double sum = 0;
        long correct = 0;
        long total = 0;
        while (batches.hasNext()) {
            Batches.Batch b = batches.next();
            model.forward(params, b.inputs(), b.size(), outputs, false);
            sum += loss.loss(outputs, b.labels(), b.size(), classes) * b.size();
            correct += countCorrect(outputs, b.labels(), b.size(), classes);
            total += b.size();
            if (sink != null) {
                sink.accept(outputs, b.labels(), b.size());
            }
        }
        return new Result(total == 0 ? Double.NaN : sum / total, correct, total);
    }

    /** Returns how many of the first {@code batch} rows have their argmax at the label. */
    public static int countCorrect(float[] outputs, int[] labels, int batch, int classes) {
        int n = 0;
        for (int i = 0; i < batch; i++) {
            if (argmax(outputs, i * classes, classes) == labels[i]) {
                n++;
            }
        }
        return n;
    }

    /** Returns the index of the largest of {@code count} values from {@code offset} (first on ties). */
    public static int argmax(float[] v, int offset, int count) {
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (v[offset + i] > v[offset + best]) {
                best = i;
            }
        }
        return best;
    }
}
