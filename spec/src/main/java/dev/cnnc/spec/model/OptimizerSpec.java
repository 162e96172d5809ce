package dev.cnnc.spec.model;

import java.util.Objects;

/**
 * An optimizer with PyTorch's semantics (torch.optim.SGD and torch.optim.Adam).
 * SGD uses lr, momentum, weight_decay, nesterov; Adam uses lr, betas, eps, weight_decay.
 */
public record OptimizerSpec(Type type, double lr, double momentum, double weightDecay, boolean nesterov,
                            double beta1, double beta2, double eps) {
    public static final OptimizerSpec ADAM_DEFAULTS = new OptimizerSpec(Type.ADAM, 1e-3, 0, 0, false, 0.9, 0.999, 1e-8);
    public static final OptimizerSpec SGD_DEFAULTS = new OptimizerSpec(Type.SGD, 1e-2, 0, 0, false, 0.9, 0.999, 1e-8);

    public OptimizerSpec {
        Objects.requireNonNull(type, "type");
        Check.that(lr > 0 && Double.isFinite(lr), "lr must be positive, got " + lr);
        Check.that(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        Check.that(weightDecay >= 0 && Double.isFinite(weightDecay), "weight_decay must be >= 0");
        Check.that(!nesterov || momentum > 0, "nesterov needs momentum > 0 (as in PyTorch)");
        Check.that(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "betas must be in [0, 1)");
        Check.that(eps > 0 && Double.isFinite(eps), "eps must be positive");
    }

    /** The optimizer algorithms. */
    public enum Type {
        SGD("sgd"), ADAM("adam");

        private final String yamlName;

        Type(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }
}
