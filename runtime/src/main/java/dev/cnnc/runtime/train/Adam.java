package dev.cnnc.runtime.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with PyTorch's semantics (torch.optim.Adam, PyTorch 1.13; L2 weight decay, not AdamW;
 * no amsgrad).
 *
 * <p>Per trainable element at step t = 1, 2, …, with gradient g and parameter p:
 * <pre>
 * g = g + weight_decay·p
 * m = β1·m + (1 − β1)·g
 * v = β2·v + (1 − β2)·g²
 * p = p − (lr / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + eps)     (eps outside the sqrt)
 * </pre>
 * m and v start at 0 (Kingma and Ba, "Adam", 2015, Algorithm 1, with PyTorch's placement of eps).
 */
public final class Adam implements Optimizer {
    /** The state type name in checkpoints. */
    public static final String TYPE = "adam";
    /** The first-moment buffer's name, as in PyTorch. */
    public static final String EXP_AVG = "exp_avg";
    /** The second-moment buffer's name, as in PyTorch. */
    public static final String EXP_AVG_SQ = "exp_avg_sq";

    private final ParamLayout layout;
    private final List<ParamTensor> trainable;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final float[] m;
    private final float[] v;
    private long steps;

    /**
     * Creates Adam for parameters laid out as {@code layout}.
     *
     * @throws IllegalArgumentException for betas outside [0, 1), eps ≤ 0 or weight decay < 0
     */
    public Adam(ParamLayout layout, double beta1, double beta2, double eps, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && eps > 0 && weightDecay >= 0)) {
            throw new IllegalArgumentException("Adam needs betas in [0, 1), eps > 0 and weight_decay >= 0; got "
                    + beta1 + ", " + beta2 + ", " + eps + ", " + weightDecay);
        }
        this.layout = layout;
        this.trainable = layout.trainable();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = new float[layout.size()];
        this.v = new float[layout.size()];
    }

    @Override
    public void step(float[] params, float[] grads, double lr) {
        layout.requireLength(params);
        layout.requireLength(grads);
        long t = ++steps;
        double stepSize = lr / (1 - Math.pow(beta1, t));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        for (ParamTensor pt : trainable) {
            for (int i = pt.offset(); i < pt.end(); i++) {
                double g = grads[i] + weightDecay * params[i];
                m[i] = (float) (beta1 * m[i] + (1 - beta1) * g);
                v[i] = (float) (beta2 * v[i] + (1 - beta2) * g * g);
                double denom = Math.sqrt(v[i]) / bc2Sqrt + eps;
                params[i] = (float) (params[i] - stepSize * m[i] / denom);
            }
        }
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public OptimizerState exportState() {
        Map<String, float[]> buffers = new LinkedHashMap<>();
        buffers.put(EXP_AVG, m);
        buffers.put(EXP_AVG_SQ, v);
        return new OptimizerState(TYPE, steps, buffers);
    }

    @Override
    public void importState(OptimizerState state) {
        if (!state.type().equals(TYPE)) {
            throw new IllegalArgumentException("cannot load " + state.type() + " optimizer state into Adam");
        }
        copyInto(state, EXP_AVG, m);
        copyInto(state, EXP_AVG_SQ, v);
        steps = state.steps();
    }

    private static void copyInto(OptimizerState state, String name, float[] dst) {
        float[] src = state.buffers().get(name);
        if (src == null || src.length != dst.length) {
            throw new IllegalArgumentException("Adam state needs " + name + " of " + dst.length
                    + " values, found " + (src == null ? "none" : src.length));
        }
        System.arraycopy(src, 0, dst, 0, dst.length);
    }
}
