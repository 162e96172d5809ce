package dev.cnnc.runtime.train;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything {@code cnnc train --resume} needs to continue a run exactly where it stopped.
 *
 * <p>No random-generator state is stored: every random stream is derived from the seed and the
 * epoch ({@link Seeds}), so the seed and {@code epochsDone} determine the shuffles still to come.
 *
 * @param epochsDone the number of completed epochs; training resumes with epoch index
 *     {@code epochsDone} (0-based), printed as {@code epochsDone + 1}
 * @param seed the run seed
 * @param params the flat parameter array after the last completed epoch (copied)
 * @param optimizer the optimizer state after the last completed epoch
 * @param history the metrics of every completed epoch, in order
 * @param bestEpoch the best epoch so far ({@link EarlyStopper#bestEpoch()}), 0 if none
 * @param bestValue its monitored value, NaN if none
 * @param epochsSinceBest epochs since the best one ({@link EarlyStopper#epochsSinceBest()})
 * @param info free-form strings the caller wants back on resume (e.g. a hash of the spec, the
 *     total number of epochs); keys made of letters, digits, '.', '_' and '-'
 */
public record Checkpoint(int epochsDone, long seed, float[] params, OptimizerState optimizer,
                         List<EpochMetrics> history, int bestEpoch, double bestValue, int epochsSinceBest,
                         Map<String, String> info) {
    /** Validates and copies. */
    public Checkpoint {
        if (epochsDone < 0 || bestEpoch < 0 || epochsSinceBest < 0) {
            throw new IllegalArgumentException("epoch counters must be >= 0");
        }
        Objects.requireNonNull(optimizer, "optimizer");
        params = params.clone();
        history = List.copyOf(history);
        if (history.size() != epochsDone) {
            throw new IllegalArgumentException(epochsDone + " epochs done but " + history.size() + " metrics rows");
        }
        for (String k : info.keySet()) {
            if (!k.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("info key '" + k + "' must match [A-Za-z0-9._-]+");
            }
        }
        info = Collections.unmodifiableMap(new TreeMap<>(info));
    }

    /** Returns a copy of the parameters. */
    @Override
    public float[] params() {
        return params.clone();
    }

    /** Restores the early-stopping state into {@code stopper}. */
    public void restoreInto(EarlyStopper stopper) {
        stopper.restore(bestEpoch, bestValue, epochsSinceBest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.epochsDone == epochsDone && c.seed == seed
                && java.util.Arrays.equals(c.params, params) && c.optimizer.equals(optimizer)
                && c.history.equals(history) && c.bestEpoch == bestEpoch
                && Double.compare(c.bestValue, bestValue) == 0 && c.epochsSinceBest == epochsSinceBest
                && c.info.equals(info);
    }

    @Override
    public int hashCode() {
        return Objects.hash(epochsDone, seed, java.util.Arrays.hashCode(params), history, info);
    }

    @Override
    public String toString() {
        return "Checkpoint[epochsDone=" + epochsDone + ", seed=" + seed + ", params=" + params.length
                + ", optimizer=" + optimizer + "]";
    }
}
