package dev.cnnc.spec.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Training defaults from the {@code train:} section; every field has a default and the
 * CLI may override them.
 *
 * @param validationSplit fraction of the training set held out for validation, [0, 1)
 */
public record TrainSpec(Loss loss, OptimizerSpec optimizer, int batch, int epochs, long seed,
                        LrSchedule lrSchedule, Init init, Optional<EarlyStopping> earlyStopping,
                        double validationSplit) {
    public static final int DEFAULT_BATCH = 64;
    public static final int DEFAULT_EPOCHS = 10;
    public static final long DEFAULT_SEED = 0;

    /** The defaults used when the spec has no {@code train:} section. */
    public static final TrainSpec DEFAULTS = new TrainSpec(Loss.CROSS_ENTROPY, OptimizerSpec.ADAM_DEFAULTS,
            DEFAULT_BATCH, DEFAULT_EPOCHS, DEFAULT_SEED, LrSchedule.NONE, Init.HE, Optional.empty(), 0.0);

    public TrainSpec {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Check.positive(batch, "batch");
        Check.positive(epochs, "epochs");
        Objects.requireNonNull(lrSchedule, "lrSchedule");
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(earlyStopping, "earlyStopping");
        Check.that(validationSplit >= 0 && validationSplit < 1,
                "validation_split must be in [0, 1), got " + validationSplit);
    }

    /** The training loss. Cross-entropy on a net ending in softmax trains on the logits before it. */
    public enum Loss {
        CROSS_ENTROPY("cross_entropy"), MSE("mse");

        private final String yamlName;

        Loss(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    /** Weight initialisation: He (Kaiming) normal or Glorot (Xavier) uniform; biases start at 0. */
    public enum Init {
        HE("he"), GLOROT("glorot");

        private final String yamlName;

        Init(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }
}
