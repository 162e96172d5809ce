package dev.cnnc.runtime.report;

import java.io.IOException;

/**
 * The output folder cannot be used: it is a file, it holds another run's files, or a file of the
 * run cannot be written (the message says what is still saved).
 */
public final class RunDirectoryException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for the user. */
    public RunDirectoryException(String message) {
        super(message);
    }

    /** Creates the exception with a message for the user and the failure behind it. */
    public RunDirectoryException(String message, IOException cause) {
        super(message, cause);
    }
}
