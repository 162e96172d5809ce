package dev.cnnc.spec.model;

import java.util.Objects;

/**
 * Learning-rate schedule, stepped once per epoch (PyTorch's StepLR and CosineAnnealingLR).
 *
 * @param stepSize step: epochs between decays (StepLR's step_size)
 * @param gamma    step: factor applied at each decay
 * @param tMax     cosine: epochs of the half cosine; 0 means "the number of epochs"
 * @param minLr    cosine: the final learning rate (eta_min)
 */
public record LrSchedule(Type type, int stepSize, double gamma, int tMax, double minLr) {
    public static final LrSchedule NONE = new LrSchedule(Type.NONE, 1, 1.0, 0, 0.0);

    public LrSchedule {
        Objects.requireNonNull(type, "type");
        Check.positive(stepSize, "step_size");
        Check.that(gamma > 0 && Double.isFinite(gamma), "gamma must be positive");
        Check.that(tMax >= 0, "t_max must be >= 0");
        Check.that(minLr >= 0 && Double.isFinite(minLr), "min_lr must be >= 0");
    }

    /** The schedule kinds. */
    public enum Type {
        NONE("none"), STEP("step"), COSINE("cosine");

        private final String yamlName;

        Type(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }
}
