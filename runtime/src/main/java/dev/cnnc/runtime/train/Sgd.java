package dev.cnnc.runtime.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with PyTorch's semantics (torch.optim.SGD, PyTorch 1.13).
 *
 * <p>Per trainable element, with gradient g and parameter p:
 * <pre>
 * d   = g + weight_decay·p                       (L2 penalty added to the gradient)
 * buf = d                                        at the first step (buffer initialised to d)
 * buf = momentum·buf + (1 − dampening)·d         at later steps
 * d   = d + momentum·buf  if nesterov, else d = buf      (only when momentum ≠ 0)
 * p   = p − lr·d
 * </pre>
 * With momentum 0 there is no buffer and {@code p = p − lr·d}.
 */
public final class Sgd implements Optimizer {
    /** The state type name in checkpoints. */
    public static final String TYPE = "sgd";
    /** The momentum buffer's name in the state, as in PyTorch. */
    public static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final ParamLayout layout;
    private final List<ParamTensor> trainable;
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final float[] buf;
    /** True until the momentum buffer holds a value: PyTorch's {@code momentum_buffer is None}. */
    private boolean bufEmpty = true;
    private long steps;

    /**
     * Creates SGD for parameters laid out as {@code layout}.
     *
     * @throws IllegalArgumentException for a negative hyperparameter or nesterov with momentum 0
     *     or dampening ≠ 0 (PyTorch's own checks)
     */
    public Sgd(ParamLayout layout, double momentum, double dampening, double weightDecay, boolean nesterov) {
        if (momentum < 0 || dampening < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("momentum, dampening and weight_decay must be >= 0");
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("nesterov momentum requires a momentum and zero dampening");
        }
        this.layout = layout;
        this.trainable = layout.trainable();
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.buf = momentum != 0 ? new float[layout.size()] : null;
    }

    @Override
    public void step(float[] params, float[] grads, double lr) {
        layout.requireLength(params);
        layout.requireLength(grads);
        boolean first = bufEmpty;
        for (ParamTensor t : trainable) {
            for (int i = t.offset(); i < t.end(); i++) {
                double d = grads[i] + weightDecay * params[i];
                if (buf != null) {
                    double b = first ? d : momentum * buf[i] + (1 - dampening) * d;
                    buf[i] = (float) b;
                    d = nesterov ? d + momentum * buf[i] : buf[i];
                }
                params[i] = (float) (params[i] - lr * d);
            }
        }
        bufEmpty = buf == null;
        steps++;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public OptimizerState exportState() {
        Map<String, float[]> buffers = new LinkedHashMap<>();
        if (buf != null && !bufEmpty) {
            buffers.put(MOMENTUM_BUFFER, buf);
        }
        return new OptimizerState(TYPE, steps, buffers);
    }

    @Override
    public void importState(OptimizerState state) {
        if (!state.type().equals(TYPE)) {
            throw new IllegalArgumentException("cannot load " + state.type() + " optimizer state into SGD");
        }
        float[] b = state.buffers().get(MOMENTUM_BUFFER);
        if (buf != null && b != null) {
            if (b.length != buf.length) {
                throw new IllegalArgumentException("SGD state needs a " + MOMENTUM_BUFFER + " of "
                        + buf.length + " values, found " + b.length);
            }
            System.arraycopy(b, 0, buf, 0, buf.length);
            bufEmpty = false;
        }
        // no buffer (a run that had momentum 0): it starts at the next step, as PyTorch's does
        steps = state.steps();
    }
}
