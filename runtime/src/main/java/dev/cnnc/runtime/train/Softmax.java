package dev.cnnc.runtime.train;

/**
 * Numerically stable softmax and log-softmax along one axis of a C-order array.
 *
 * <p>The array is viewed as {@code [outer, classes, inner]} and the function is taken over the
 * middle axis, which covers PyTorch's {@code dim=1} for {@code [N, C]} ({@code inner = 1}) and for
 * {@code [N, C, H, W]} ({@code inner = H·W}). The maximum is subtracted before exponentiating
 * (log-sum-exp trick), so logits of any magnitude give finite results:
 * <pre>
 * log_softmax(x)_c = x_c − max − log Σ_k exp(x_k − max)
 * softmax(x)_c     = exp(x_c − max) / Σ_k exp(x_k − max)
 * </pre>
 * Sums run in double.
 */
public final class Softmax {
    private Softmax() {
    }

    /** Writes softmax of {@code x} (viewed as {@code [outer, classes, inner]}) into {@code out}. */
    public static void softmax(float[] x, int outer, int classes, int inner, float[] out) {
        apply(x, outer, classes, inner, out, false);
    }

    /** Writes log-softmax of {@code x} (viewed as {@code [outer, classes, inner]}) into {@code out}. */
    public static void logSoftmax(float[] x, int outer, int classes, int inner, float[] out) {
        apply(x, outer, classes, inner, out, true);
    }

    /**
     * Returns {@code log Σ_c exp(x[offset + c·stride])} over {@code classes} values, computed as
     * {@code max + log Σ exp(x − max)}.
     */
    public static double logSumExp(float[] x, int offset, int classes, int stride) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, x[offset + c * stride]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(x[offset + c * stride] - max);
        }
        return max + Math.log(sum);
    }

    private static void apply(float[] x, int outer, int classes, int inner, float[] out, boolean log) {
        int n = outer * classes * inner;
        if (x.length < n || out.length < n) {
            throw new IllegalArgumentException("softmax over [" + outer + ", " + classes + ", " + inner
                    + "] needs " + n + " values; input has " + x.length + ", output " + out.length);
        }
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * classes * inner + in;
                double lse = logSumExp(x, base, classes, inner);
                for (int c = 0; c < classes; c++) {
                    int i = base + c * inner;
                    double logP = x[i] - lse;
                    out[i] = (float) (log ? logP : Math.exp(logP));
                }
            }
        }
    }
}
