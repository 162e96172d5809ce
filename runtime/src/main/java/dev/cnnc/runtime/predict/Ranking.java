package dev.cnnc.runtime.predict;

import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.ActivationLayer;
import dev.cnnc.spec.model.Conv;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.NetworkSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Class probabilities from a model's output, and the most probable classes. */
public final class Ranking {
    /** One class and its probability. */
    public record Scored(int index, String label, double probability) {
    }

    private Ranking() {
    }

    /**
     * True when the network's output layer is a softmax (a {@code softmax} layer, or
     * {@code activation: softmax} on the last dense or conv), so its output already holds
     * probabilities.
     */
    public static boolean endsInSoftmax(NetworkSpec spec) {
        Layer last = spec.output();
        Activation activation = last instanceof Dense d ? d.activation()
                : last instanceof Conv c ? c.activation()
                : last instanceof ActivationLayer a ? a.activation()
                : Activation.NONE;
        return activation.kind() == Activation.Kind.SOFTMAX;
    }

    /**
     * Probabilities: {@code output} itself when it already is a softmax, else
     * softmax(z)_i = exp(z_i − max z) / Σ_j exp(z_j − max z) (shifted for stability).
     */
    public static double[] probabilities(float[] output, int offset, int length, boolean alreadySoftmax) {
        double[] p = new double[length];
        if (alreadySoftmax) {
            for (int i = 0; i < length; i++) {
                p[i] = output[offset + i];
            }
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            max = Math.max(max, output[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < length; i++) {
            p[i] = Math.exp(output[offset + i] - max);
            sum += p[i];
        }
        for (int i = 0; i < length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /**
     * The {@code k} most probable classes, best first; ties keep the lower index first.
     *
     * @param labels class names; a class without one is named by its index
     */
    public static List<Scored> top(double[] probabilities, List<String> labels, int k) {
        List<Scored> all = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            all.add(new Scored(i, i < labels.size() ? labels.get(i) : Integer.toString(i), probabilities[i]));
        }
        all.sort(Comparator.comparingDouble(Scored::probability).reversed().thenComparingInt(Scored::index));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }
}
