package dev.cnnc.runtime.train;

import dev.cnnc.spec.model.TrainSpec;
import java.util.SplittableRandom;

/**
 * Fills a flat parameter array with initial values from one seed.
 *
 * <ul>
 *   <li>weights, He ({@code init: he}): normal with mean 0 and std {@code gain / sqrt(fan_in)},
 *       gain √2 (PyTorch's {@code kaiming_normal_(w, mode="fan_in", nonlinearity="relu")});</li>
 *   <li>weights, Glorot ({@code init: glorot}): uniform on {@code [−a, a]} with
 *       {@code a = sqrt(6 / (fan_in + fan_out))} (PyTorch's {@code xavier_uniform_}, gain 1);</li>
 *   <li>biases 0; batchnorm weight 1, bias 0, running mean 0, running variance 1.</li>
 * </ul>
 * fan_in and fan_out follow PyTorch's {@code _calculate_fan_in_and_fan_out}: for a weight of
 * shape {@code [out, in, k...]}, {@code fan_in = in · prod(k)} and {@code fan_out = out · prod(k)}
 * (a dense weight {@code [out, in]} has no kernel dims). Each tensor draws from its own stream
 * {@link Seeds#stream(long, String, String) Seeds.stream(seed, "init", name)}, so its values
 * depend only on the seed and its name.
 */
public final class Initializer {
    private Initializer() {
    }

    /** Fills {@code params} (laid out as {@code layout}) with initial values. */
    public static void initialize(ParamLayout layout, float[] params, TrainSpec.Init init, long seed) {
        layout.requireLength(params);
        for (ParamTensor t : layout.tensors()) {
            switch (t.kind()) {
                case WEIGHT:
                    fillWeight(t, params, init, Seeds.stream(seed, "init", t.name()));
                    break;
                case NORM_WEIGHT:
                case RUNNING_VAR:
                    java.util.Arrays.fill(params, t.offset(), t.end(), 1f);
                    break;
                default:
                    java.util.Arrays.fill(params, t.offset(), t.end(), 0f);
            }
        }
    }

    /** Returns {@code in · prod(kernel)} for a weight {@code [out, in, k...]}. */
    public static int fanIn(int[] shape) {
        requireWeightShape(shape);
        return shape[1] * receptive(shape);
    }

    /** Returns {@code out · prod(kernel)} for a weight {@code [out, in, k...]}. */
    public static int fanOut(int[] shape) {
        requireWeightShape(shape);
        return shape[0] * receptive(shape);
    }

    /** Returns the He-normal standard deviation {@code sqrt(2) / sqrt(fan_in)}. */
    public static double heStd(int[] shape) {
        return Math.sqrt(2.0) / Math.sqrt(fanIn(shape));
    }

    /** Returns the Glorot-uniform bound {@code sqrt(6 / (fan_in + fan_out))}. */
    public static double glorotBound(int[] shape) {
        return Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape)));
    }

    private static void fillWeight(ParamTensor t, float[] params, TrainSpec.Init init, SplittableRandom r) {
        int[] shape = t.shape();
        if (init == TrainSpec.Init.HE) {
            double std = heStd(shape);
            for (int i = t.offset(); i < t.end(); i++) {
                params[i] = (float) (std * Seeds.nextGaussian(r));
            }
        } else {
            double a = glorotBound(shape);
            for (int i = t.offset(); i < t.end(); i++) {
                params[i] = (float) (a * (2 * Seeds.nextDouble(r) - 1));
            }
        }
    }

    private static int receptive(int[] shape) {
        int r = 1;
        for (int i = 2; i < shape.length; i++) {
            r *= shape[i];
        }
        return r;
    }

    private static void requireWeightShape(int[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("a weight needs at least 2 dimensions [out, in, ...], got "
                    + java.util.Arrays.toString(shape));
        }
    }
}
