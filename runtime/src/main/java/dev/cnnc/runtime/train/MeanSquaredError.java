package dev.cnnc.runtime.train;

/**
 * Mean squared error with PyTorch's default mean reduction over all elements
 * ({@code F.mse_loss(pred, target)}).
 *
 * <pre>
 * loss    = (1/M) Σ_i (pred_i − target_i)²        M = number of elements
 * dL/dpred = 2 (pred − target) / M
 * </pre>
 * As a classification loss ({@link LossFunction}) the target of a sample is the one-hot vector of
 * its label, so M = batch × classes (what Keras does with {@code mse} and one-hot labels).
 */
public final class MeanSquaredError implements LossFunction {
    /**
     * Returns the mean squared error of the first {@code count} values and writes its gradient
     * into {@code grad} (may be null for no gradient).
     */
    public static double compute(float[] pred, float[] target, int count, float[] grad) {
        if (pred.length < count || target.length < count) {
            throw new IllegalArgumentException("MSE over " + count + " values, but pred has " + pred.length
                    + " and target " + target.length);
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double d = (double) pred[i] - target[i];
            sum += d * d;
            if (grad != null) {
                grad[i] = (float) (2 * d / count);
            }
        }
        return sum / count;
    }

    @Override
    public double lossAndGradient(float[] output, int[] labels, int batch, int classes, float[] grad) {
        return oneHot(output, labels, batch, classes, grad);
    }

    @Override
    public double loss(float[] output, int[] labels, int batch, int classes) {
        return oneHot(output, labels, batch, classes, null);
    }

    private static double oneHot(float[] output, int[] labels, int batch, int classes, float[] grad) {
        LossFunction.checkBatch(output, labels, batch, classes);
        int count = batch * classes;
        double sum = 0;
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < classes; c++) {
                int i = n * classes + c;
                double d = (double) output[i] - (c == labels[n] ? 1 : 0);
                sum += d * d;
                if (grad != null) {
                    grad[i] = (float) (2 * d / count);
                }
            }
        }
        return sum / count;
    }
}
