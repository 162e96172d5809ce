package dev.cnnc.spec.model;

import java.util.Objects;

/**
 * An element-wise activation, fused into conv/dense ({@code activation:}) or a layer of its own.
 *
 * @param slope the negative slope of {@code leaky_relu} (PyTorch's {@code negative_slope});
 *              0 for every other kind
 */
public record Activation(Kind kind, double slope) {
    public static final Activation NONE = new Activation(Kind.IDENTITY, 0);
    public static final double DEFAULT_LEAKY_SLOPE = 0.01;

    /** The kinds; {@code none} in YAML is {@link #IDENTITY}. */
    public enum Kind {
        IDENTITY("identity"), RELU("relu"), LEAKY_RELU("leaky_relu"), SIGMOID("sigmoid"),
        TANH("tanh"), SOFTMAX("softmax");

        private final String yamlName;

        Kind(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    public Activation {
        Objects.requireNonNull(kind, "kind");
        Check.that(Double.isFinite(slope), "slope must be finite");
        Check.that(kind == Kind.LEAKY_RELU || slope == 0, "only leaky_relu has a slope");
    }

    public static Activation of(Kind kind) {
        return new Activation(kind, kind == Kind.LEAKY_RELU ? DEFAULT_LEAKY_SLOPE : 0);
    }

    public boolean isIdentity() {
        return kind == Kind.IDENTITY;
    }
}
