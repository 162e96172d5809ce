package dev.cnnc.runtime.train;

import java.io.PrintStream;

/**
 * Receives training progress: the start of each epoch, each finished batch, each finished epoch.
 *
 * <p>Calls come from the training thread in order: {@code epochStarted}, then
 * {@code batchFinished} for each batch, then {@code epochFinished}; {@link #close()} once at the
 * end (also after an interruption). Implementations print to the stream they were given
 * (standard error for the command line, keeping standard output for results).
 */
public interface ProgressListener extends AutoCloseable {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void epochStarted(int epoch, int epochs, int batches, int samples) {
        }

        @Override
        public void batchFinished(int batchesDone, int samplesDone, double meanLoss, double accuracy) {
        }

        @Override
        public void epochFinished(EpochMetrics metrics) {
        }
    };

    /**
     * An epoch begins.
     *
     * @param epoch the epoch, from 1
     * @param epochs the planned number of epochs
     * @param batches the number of training batches in this epoch
     * @param samples the number of training samples in this epoch
     */
    void epochStarted(int epoch, int epochs, int batches, int samples);

    /**
     * A training batch finished.
     *
     * @param batchesDone batches finished in this epoch, from 1
     * @param samplesDone samples trained on in this epoch so far
     * @param meanLoss the mean training loss over those samples
     * @param accuracy the training accuracy over those samples, in [0, 1]
     */
    void batchFinished(int batchesDone, int samplesDone, double meanLoss, double accuracy);

    /** An epoch finished, validation included. */
    void epochFinished(EpochMetrics metrics);

    /** Prints a line between epochs (e.g. "checkpoint saved"); ignored by default. */
    default void message(String line) {
    }

    /** Releases the display; no further calls follow. */
    @Override
    default void close() {
    }

    /**
     * Returns the listener for the command line: a live bar ({@link TerminalProgress}) when a
     * person watches a terminal, else one line per epoch ({@link LineProgress}) — when
     * {@code System.console()} is null (output redirected) or the environment variable
     * {@code CI} is {@code true}.
     */
    static ProgressListener forConsole(PrintStream out) {
        return interactive(System.console() != null, System.getenv("CI"))
                ? new TerminalProgress(out) : new LineProgress(out);
    }

    /** Returns true when a live bar is appropriate: a console and not {@code CI=true}. */
    static boolean interactive(boolean hasConsole, String ciVariable) {
        return hasConsole && !"true".equalsIgnoreCase(ciVariable == null ? "" : ciVariable.strip());
    }
}
