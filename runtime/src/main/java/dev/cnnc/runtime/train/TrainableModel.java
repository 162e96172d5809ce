package dev.cnnc.runtime.train;

/**
 * What the training loop needs from a model: forward and backward over one flat parameter array.
 *
 * <p>This is the wiring point for the generated code: an adapter around a compiled model
 * implements it. Parameters and gradients use {@link #layout()} (PyTorch {@code state_dict()}
 * order); inputs are {@code batch × inputSize()} values in [0, 1] (the model applies
 * {@code normalize} itself); outputs are {@code batch × outputSize()} values, the logits the loss
 * is taken on (for a net ending in softmax, the values before it).
 */
public interface TrainableModel {
    /** Returns the layout of the flat parameter (and gradient) array. */
    ParamLayout layout();

    /** Returns the number of input values per sample, e.g. C·H·W. */
    int inputSize();

    /** Returns the number of outputs per sample (the number of classes). */
    int outputSize();

    /**
     * Computes the outputs of the first {@code batch} samples of {@code inputs}.
     *
     * @param training true during training: batchnorm uses batch statistics and updates its running
     *     statistics inside {@code params}, dropout is active; false for validation and evaluation
     */
    void forward(float[] params, float[] inputs, int batch, float[] outputs, boolean training);

    /**
     * Computes dLoss/dparams for the batch of the preceding training {@link #forward} call from
     * dLoss/doutputs, overwriting {@code grads} (same layout as params; entries of batchnorm
     * running statistics are left 0).
     */
    void backward(float[] params, float[] gradOutputs, int batch, float[] grads);

    /**
     * Sets the seed of the random numbers (dropout masks) of the next training forward. The
     * trainer calls it before every training batch with
     * {@code Seeds.derive(seed, "dropout", epoch · 2^32 + batch)}, so masks are reproducible and a
     * resumed run draws the same ones. Models without dropout ignore it.
     */
    default void setDropoutSeed(long seed) {
    }
}
