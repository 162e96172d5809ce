package dev.cnnc.runtime.report;

import java.io.IOException;

/** The output folder cannot be used: it is a file, or it holds another run's files. */
public final class RunDirectoryException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for the user. */
    public RunDirectoryException(String message) {
        super(message);
    }
}
