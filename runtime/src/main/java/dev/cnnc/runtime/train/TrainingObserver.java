package dev.cnnc.runtime.train;

import java.io.IOException;

/** Persists what each completed epoch produced (the run folder's files, the checkpoint). */
@FunctionalInterface
public interface TrainingObserver {
    /** An observer that keeps nothing. */
    TrainingObserver NONE = (checkpoint, best) -> { };

    /**
     * Called after every completed epoch, before the next begins.
     *
     * @param checkpoint the complete state after the epoch (its params are the epoch's weights)
     * @param best true when this epoch is the best so far ({@link EarlyStopper})
     */
    void epochCompleted(Checkpoint checkpoint, boolean best) throws IOException;
}
