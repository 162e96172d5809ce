package dev.cnnc.runtime.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A live progress bar per epoch on a terminal (me.tongfei:progressbar), redrawn in place:
 *
 * <pre>
 * epoch 3/10  62% [=========&gt;      ] 580/938 (0:00:07 / 0:00:04) loss 0.3412 acc 0.9120 4870/s
 * </pre>
 * showing batches done, elapsed time and ETA (the library's estimate from the batch rate), and
 * the running loss, accuracy and throughput in samples per second (kept short so that the bar
 * still has room on an 80-column terminal). When the epoch ends the bar is closed and the
 * {@link LineProgress#summary one-line summary} is printed under it, so the scroll-back keeps one
 * line per epoch.
 */
public final class TerminalProgress implements ProgressListener {
    private static final int REFRESH_MILLIS = 200;

    private final PrintStream out;
    private final Consumer<String> testSink;
    private ProgressBar bar;
    private int epochs;
    private int samples;
    private long startNanos;

    /** Creates a bar drawing on {@code out} (a terminal). */
    public TerminalProgress(PrintStream out) {
        this(out, null);
    }

    /** Creates a bar whose renderings go to {@code sink} (for tests), summaries to {@code out}. */
    TerminalProgress(PrintStream out, Consumer<String> sink) {
        this.out = out;
        this.testSink = sink;
    }

    @Override
    public void epochStarted(int epoch, int epochs, int batches, int samples) {
        closeBar();
        this.epochs = epochs;
        this.samples = samples;
        this.startNanos = System.nanoTime();
        ProgressBarConsumer consumer = testSink != null
                ? new DelegatingProgressBarConsumer(testSink, 160) : new ConsoleProgressBarConsumer(out);
        bar = new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                .setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(REFRESH_MILLIS)
                .setConsumer(consumer)
                .build();
    }

    @Override
    public void batchFinished(int batchesDone, int samplesDone, double meanLoss, double accuracy) {
        if (bar == null) {
            return;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        bar.setExtraMessage(extra(meanLoss, accuracy, seconds > 0 ? samplesDone / seconds : 0));
        bar.stepTo(batchesDone);
    }

    @Override
    public void epochFinished(EpochMetrics m) {
        closeBar();
        out.println(LineProgress.summary(m, epochs, samples));
        out.flush();
    }

    @Override
    public void message(String line) {
        closeBar();
        out.println(line);
        out.flush();
    }

    @Override
    public void close() {
        closeBar();
    }

    /** Returns the text after the bar: running loss, accuracy and throughput. */
    static String extra(double loss, double accuracy, double samplesPerSecond) {
        return String.format(Locale.ROOT, "loss %.4f acc %.4f %.0f/s", loss, accuracy, samplesPerSecond);
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
