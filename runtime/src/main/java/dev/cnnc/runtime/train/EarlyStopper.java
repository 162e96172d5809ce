package dev.cnnc.runtime.train;

import dev.cnnc.spec.model.EarlyStopping;
import java.util.Optional;

/**
 * Tracks the best epoch and decides when to stop early, as Keras' EarlyStopping does with
 * {@code min_delta = 0}.
 *
 * <p>The monitored metric is the spec's ({@code val_loss}, minimised, or {@code val_accuracy},
 * maximised), {@code val_loss} when there is no early stopping. An epoch improves when its value
 * is strictly better than the best so far; training stops after {@code patience} epochs in a row
 * without improvement. Without validation data the training loss or accuracy stands in, so the
 * best epoch is still defined; the best epoch is the one whose weights go to
 * {@code weights.safetensors}. The state is three numbers, saved in checkpoints.
 */
public final class EarlyStopper {
    private final EarlyStopping.Metric metric;
    private final int patience;
    private int bestEpoch;
    private double best;
    private int sinceBest;

    /** Creates a tracker for the given early-stopping spec (empty: track val_loss, never stop). */
    public EarlyStopper(Optional<EarlyStopping> spec) {
        this.metric = spec.map(EarlyStopping::metric).orElse(EarlyStopping.Metric.VAL_LOSS);
        this.patience = spec.map(EarlyStopping::patience).orElse(0);
        this.bestEpoch = 0;
        this.best = Double.NaN;
    }

    /**
     * Records an epoch and returns true when it is the best so far.
     */
    public boolean update(EpochMetrics m) {
        double value = value(m);
        boolean better = bestEpoch == 0 || (maximise() ? value > best : value < best);
        if (better && !Double.isNaN(value)) {
            best = value;
            bestEpoch = m.epoch();
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    /** Returns true when early stopping is configured and patience has run out. */
    public boolean shouldStop() {
        return patience > 0 && sinceBest >= patience;
    }

    /** Returns the best epoch so far (1-based), 0 before the first update. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Returns the best value so far, NaN before the first update. */
    public double bestValue() {
        return best;
    }

    /** Returns the number of epochs since the best one. */
    public int epochsSinceBest() {
        return sinceBest;
    }

    /** Returns the monitored metric. */
    public EarlyStopping.Metric metric() {
        return metric;
    }

    /** Restores the state saved in a checkpoint. */
    public void restore(int bestEpoch, double bestValue, int epochsSinceBest) {
        this.bestEpoch = bestEpoch;
        this.best = bestValue;
        this.sinceBest = epochsSinceBest;
    }

    private boolean maximise() {
        return metric == EarlyStopping.Metric.VAL_ACCURACY;
    }

    private double value(EpochMetrics m) {
        if (maximise()) {
            return m.valAccuracy().orElse(m.trainAccuracy());
        }
        return m.valLoss().orElse(m.trainLoss());
    }
}
