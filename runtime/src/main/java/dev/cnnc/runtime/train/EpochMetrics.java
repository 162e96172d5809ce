package dev.cnnc.runtime.train;

import java.util.OptionalDouble;

/**
 * What one epoch of training measured: one row of {@code metrics.csv} (contract §2).
 *
 * @param epoch the epoch, counting from 1 as printed
 * @param trainLoss the mean training loss over the epoch's batches, weighted by batch size
 * @param trainAccuracy the fraction of training samples classified correctly, in [0, 1]
 * @param valLoss the mean validation loss after the epoch, if there is validation data
 * @param valAccuracy the validation accuracy, if there is validation data
 * @param lr the learning rate used during the epoch
 * @param seconds the wall-clock duration of the epoch, including validation
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, OptionalDouble valLoss,
                           OptionalDouble valAccuracy, double lr, double seconds) {
    /** Validates the ranges. */
    public EpochMetrics {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch counts from 1, got " + epoch);
        }
        if (valLoss.isPresent() != valAccuracy.isPresent()) {
            throw new IllegalArgumentException("val_loss and val_accuracy must both be present or both absent");
        }
    }

    /** Returns metrics with validation results. */
    public static EpochMetrics of(int epoch, double trainLoss, double trainAccuracy, double valLoss,
            double valAccuracy, double lr, double seconds) {
        return new EpochMetrics(epoch, trainLoss, trainAccuracy, OptionalDouble.of(valLoss),
                OptionalDouble.of(valAccuracy), lr, seconds);
    }

    /** Returns metrics of an epoch without validation data. */
    public static EpochMetrics withoutValidation(int epoch, double trainLoss, double trainAccuracy, double lr,
            double seconds) {
        return new EpochMetrics(epoch, trainLoss, trainAccuracy, OptionalDouble.empty(), OptionalDouble.empty(),
                lr, seconds);
    }

    /** Returns true when the epoch was validated. */
    public boolean hasValidation() {
        return valLoss.isPresent();
    }

    /** Returns true when a loss is NaN or infinite (training diverged, exit code 4). */
    public boolean diverged() {
        return !Double.isFinite(trainLoss) || (valLoss.isPresent() && !Double.isFinite(valLoss.getAsDouble()));
    }
}
