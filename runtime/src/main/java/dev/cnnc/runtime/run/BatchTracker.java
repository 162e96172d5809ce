package dev.cnnc.runtime.run;

import dev.cnnc.runtime.train.EpochMetrics;
import dev.cnnc.runtime.train.ProgressListener;

/**
 * Passes progress on and remembers where training is, so a divergence can be reported with its
 * epoch and batch.
 */
final class BatchTracker implements ProgressListener {
    private final ProgressListener next;
    private int epoch;
    private int batches;
    private int batchesDone;

    BatchTracker(ProgressListener next) {
        this.next = next;
    }

    @Override
    public void epochStarted(int epoch, int epochs, int batches, int samples) {
        this.epoch = epoch;
        this.batches = batches;
        this.batchesDone = 0;
        next.epochStarted(epoch, epochs, batches, samples);
    }

    @Override
    public void batchFinished(int batchesDone, int samplesDone, double meanLoss, double accuracy) {
        this.batchesDone = batchesDone;
        next.batchFinished(batchesDone, samplesDone, meanLoss, accuracy);
    }

    @Override
    public void epochFinished(EpochMetrics metrics) {
        next.epochFinished(metrics);
    }

    @Override
    public void message(String line) {
        next.message(line);
    }

    @Override
    public void close() {
        next.close();
    }

    /**
     * Describes where the loss stopped being finite: the batch after the last finished one, or the
     * validation when every training batch finished.
     */
    String divergedAt() {
        if (batchesDone >= batches) {
            return "epoch " + epoch + ", in validation";
        }
        return "epoch " + epoch + ", batch " + (batchesDone + 1) + " of " + batches;
    }
}
