package dev.cnnc.runtime.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress as one line per epoch, for logs and CI (no carriage returns, no terminal codes).
 *
 * <pre>
 * epoch 3/10  loss 0.3412  acc 0.9120  val_loss 0.3012  val_acc 0.9200  lr 0.001  12.3s  4870 samples/s
 * </pre>
 * Validation columns appear only when the epoch has validation data.
 */
public final class LineProgress implements ProgressListener {
    private final PrintStream out;
    private int epochs;
    private int samples;

    /** Creates a listener printing to {@code out}. */
    public LineProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void epochStarted(int epoch, int epochs, int batches, int samples) {
        this.epochs = epochs;
        this.samples = samples;
    }

    @Override
    public void batchFinished(int batchesDone, int samplesDone, double meanLoss, double accuracy) {
    }

    @Override
    public void epochFinished(EpochMetrics m) {
        out.println(summary(m, epochs, samples));
        out.flush();
    }

    @Override
    public void message(String line) {
        out.println(line);
        out.flush();
    }

    /** Returns the one-line summary of an epoch. */
    public static String summary(EpochMetrics m, int epochs, int samples) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  acc %.4f", m.epoch(), epochs, m.trainLoss(),
                m.trainAccuracy()));
        if (m.hasValidation()) {
            sb.append(String.format(Locale.ROOT, "  val_loss %.4f  val_acc %.4f", m.valLoss().getAsDouble(),
                    m.valAccuracy().getAsDouble()));
        }
        sb.append("  lr ").append(String.format(Locale.ROOT, "%.4g", m.lr()));
        sb.append(String.format(Locale.ROOT, "  %.1fs", m.seconds()));
        if (m.seconds() > 0 && samples > 0) {
            sb.append(String.format(Locale.ROOT, "  %.0f samples/s", samples / m.seconds()));
        }
        return sb.toString();
    }
}
