package dev.cnnc.compiler.codegen;

import dev.cnnc.compiler.ir.Buffer;
import dev.cnnc.spec.model.Activation;

/**
 * Java source fragments shared by the training emitters: float literals, activations and
 * their derivatives written in terms of the activation's output, and the batch stores.
 */
final class TrainSrc {
    /** Field holding one batch array per buffer id: activations of the last training forward. */
    static final String ACT = "tAct";
    /** Field holding one batch array per buffer id: dLoss/d(buffer) during backward. */
    static final String GRAD = "tGrad";

    private TrainSrc() {
    }

    /** A float literal that javac reads back to exactly {@code (float) v}. */
    static String f(double v) {
        return Float.toString((float) v) + "f";
    }

    /** A double literal. */
    static String d(double v) {
        return Double.toString(v);
    }

    /** {@code final float[] local = tAct[id];} */
    static String act(String local, Buffer b) {
        return "final float[] " + local + " = " + ACT + "[" + b.id() + "];\n";
    }

    /** {@code final float[] local = tGrad[id];} */
    static String grad(String local, Buffer b) {
        return "final float[] " + local + " = " + GRAD + "[" + b.id() + "];\n";
    }

    /** {@code act(v)} as source; {@code v} a plain name. */
    static String apply(Activation a, String v) {
        return switch (a.kind()) {
            case IDENTITY -> v;
            case RELU -> "Math.max(" + v + ", 0f)";
            case LEAKY_RELU -> "(" + v + " > 0f ? " + v + " : " + f(a.slope()) + " * " + v + ")";
            case SIGMOID -> "(1f / (1f + (float) Math.exp(-" + v + ")))";
            case TANH -> "((float) Math.tanh(" + v + "))";
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        };
    }

    /**
     * {@code g · act'(x)} written with the activation's output {@code y = act(x)}: relu
     * {@code y > 0 ? g : 0}; leaky_relu {@code y > 0 ? g : slope·g} (y and x share their sign
     * for slope &gt; 0); sigmoid {@code g·y·(1 − y)}; tanh {@code g·(1 − y²)}.
     */
    static String derivative(Activation a, String g, String y) {
        return switch (a.kind()) {
            case IDENTITY -> g;
            case RELU -> "(" + y + " > 0f ? " + g + " : 0f)";
            case LEAKY_RELU -> "(" + y + " > 0f ? " + g + " : " + f(a.slope()) + " * " + g + ")";
            case SIGMOID -> "(" + g + " * " + y + " * (1f - " + y + "))";
            case TANH -> "(" + g + " * (1f - " + y + " * " + y + "))";
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        };
    }

    /**
     * Adds each output channel's gradient sum (over its {@code cells} output cells of sample base
     * {@code ys} in {@code GY}) to the bias gradient {@code gp[offset + oc]}. Four partial sums:
     * one running sum is a chain of dependent adds, bound by the add's latency (with four, the
     * 1-D example's conv1, 16 x 122 cells per sample, takes 21 us per batch of 64; its whole
     * backward went from 237 to 231 us, so the gain is small).
     */
    static String biasSums(int outChannels, int cells, int offset) {
        int main = cells - cells % 4;
        StringBuilder s = new StringBuilder("for (int oc = 0; oc < " + outChannels + "; oc++) {\n")
                .append("final int ob = ys + oc * ").append(cells).append(";\n")
                .append("float s0 = 0f; float s1 = 0f; float s2 = 0f; float s3 = 0f;\n")
                .append("for (int k = 0; k < ").append(main).append("; k += 4) { s0 += GY[ob + k]; ")
                .append("s1 += GY[ob + k + 1]; s2 += GY[ob + k + 2]; s3 += GY[ob + k + 3]; }\n");
        if (main < cells) {
            s.append("for (int k = ").append(main).append("; k < ").append(cells).append("; k++) { s0 += GY[ob + k]; }\n");
        }
        return s.append("gp[").append(offset).append(" + oc] += (s0 + s1) + (s2 + s3);\n}\n").toString();
    }

    /**
     * Multiplies the output gradient {@code GY} of sample base {@code ys} in place by the fused
     * activation's derivative (nothing for identity): the op's own backward then sees dL/d(pre-activation).
     * ReLU's is a bit mask rather than a branch.
     */
    static String fusedGrad(Activation a, int size) {
        if (a.isIdentity()) {
            return "";
        }
        if (a.kind() == Activation.Kind.RELU) {
            // y > 0f ? g : 0f without a branch (random signs mispredict): the mask is all ones
            // exactly when y's bits, as an int, are positive: y > 0, or a NaN with the sign clear
            return "for (int k = 0; k < " + size + "; k++) { final int b = Float.floatToRawIntBits(Y[ys + k]); "
                    + "GY[ys + k] = Float.intBitsToFloat(Float.floatToRawIntBits(GY[ys + k]) & ((-b & ~b) >> 31)); }\n";
        }
        return "for (int k = 0; k < " + size + "; k++) { final float y = Y[ys + k]; final float g = GY[ys + k]; "
                + "GY[ys + k] = " + derivative(a, "g", "y") + "; }\n";
    }
}
