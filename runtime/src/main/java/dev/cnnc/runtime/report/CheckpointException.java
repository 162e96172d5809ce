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

    /** Creates an exception listing several problems of {@code file}. */
    public CheckpointException(String file, List<String> problems) {
        super(file, problems);
    }
}
