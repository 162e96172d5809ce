package dev.cnnc.runtime.train;

import dev.cnnc.spec.model.OptimizerSpec;

/**
 * An optimizer that updates a flat parameter array in place from a flat gradient array, with
 * PyTorch's semantics (torch.optim.SGD, torch.optim.Adam).
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>create it for a {@link ParamLayout} with {@link #create(OptimizerSpec, ParamLayout)}: the
 *       state buffers are allocated once, the size of the layout, and start empty as in PyTorch;</li>
 *   <li>after each backward pass call {@link #step(float[], float[], double)} with the learning
 *       rate of the current epoch (from an {@link LrScheduler}); it updates the trainable tensors
 *       only and never touches batchnorm running statistics or the gradients;</li>
 *   <li>for a checkpoint take {@link #exportState()}; to resume, create a fresh optimizer with the
 *       same spec and layout and call {@link #importState(OptimizerState)} before the first step.</li>
 * </ol>
 * Not thread-safe; one instance per training run.
 */
public interface Optimizer {
    /**
     * Performs one update: {@code params} change in place, {@code grads} are read only.
     *
     * @param lr the learning rate for this step (PyTorch's {@code param_group["lr"]})
     */
    void step(float[] params, float[] grads, double lr);

    /** Returns the number of steps taken so far (including imported ones). */
    long steps();

    /** Returns a copy of the state (buffers and step count) for a checkpoint. */
    OptimizerState exportState();

    /**
     * Replaces the state with one exported by an optimizer of the same type and layout.
     *
     * @throws IllegalArgumentException when the type or buffer sizes do not match
     */
    void importState(OptimizerState state);

    /** Returns the optimizer described by {@code spec} for parameters laid out as {@code layout}. */
    static Optimizer create(OptimizerSpec spec, ParamLayout layout) {
        switch (spec.type()) {
            case SGD:
                return new Sgd(layout, spec.momentum(), 0.0, spec.weightDecay(), spec.nesterov());
            case ADAM:
                return new Adam(layout, spec.beta1(), spec.beta2(), spec.eps(), spec.weightDecay());
            default:
                throw new IllegalArgumentException("unknown optimizer " + spec.type());
        }
    }
}
