package dev.cnnc.runtime.report;

import dev.cnnc.runtime.InvalidFileException;
import java.util.List;

/** A checkpoint that is missing, incomplete or does not fit the model (exit code 1). */
public final class CheckpointException extends InvalidFileException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception for one problem of {@code file}. */
    public CheckpointException(String file, String problem) {
        super(file, problem);
    }

    /**
     * A checkpoint that lacks {@code what} (a file, a buffer): it cannot be resumed, and the
     * message says what to do instead.
     */
    public static CheckpointException incomplete(String file, String what) {
        return new CheckpointException(file, "incomplete checkpoint: " + what + "; it cannot be resumed: train"
                + " from the start with another -o (or --force without --resume); the run folder's"
                + " weights.safetensors and last.safetensors are not affected");
    }

    /** Creates an exception listing several problems of {@code file}. */
    public CheckpointException(String file, List<String> problems) {
        super(file, problems);
    }
}
