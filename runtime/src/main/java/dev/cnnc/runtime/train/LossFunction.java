package dev.cnnc.runtime.train;

import dev.cnnc.spec.model.TrainSpec;

/**
 * A classification training loss over a batch of model outputs {@code [batch, classes]} and
 * integer labels, reduced by the mean as PyTorch does by default.
 */
public interface LossFunction {
    /**
     * Returns the mean loss of the batch and writes dLoss/dOutput into {@code gradOutput}.
     *
     * @param output the model outputs, {@code batch × classes} values in C order
     * @param labels the class of each sample, in {@code [0, classes)}
     * @param gradOutput receives the gradient, same layout as {@code output}
     */
    double lossAndGradient(float[] output, int[] labels, int batch, int classes, float[] gradOutput);

    /** Returns the mean loss of the batch without a gradient (for validation and evaluation). */
    double loss(float[] output, int[] labels, int batch, int classes);

    /** Returns the loss the spec names. */
    static LossFunction of(TrainSpec.Loss loss) {
        switch (loss) {
            case CROSS_ENTROPY:
                return new SoftmaxCrossEntropy();
            case MSE:
                return new MeanSquaredError();
            default:
                throw new IllegalArgumentException("unknown loss " + loss);
        }
    }

    /** Fails fast on a label outside {@code [0, classes)} or buffers too small for the batch. */
    static void checkBatch(float[] output, int[] labels, int batch, int classes) {
        if (output.length < batch * classes || labels.length < batch) {
            throw new IllegalArgumentException("a batch of " + batch + " x " + classes + " needs "
                    + batch * classes + " outputs and " + batch + " labels; got " + output.length
                    + " and " + labels.length);
        }
        for (int n = 0; n < batch; n++) {
            if (labels[n] < 0 || labels[n] >= classes) {
                throw new IllegalArgumentException("label " + labels[n] + " of sample " + n
                        + " is outside [0, " + classes + ")");
            }
        }
    }
}
