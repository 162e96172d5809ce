package dev.cnnc.runtime.data;

import dev.cnnc.runtime.InvalidFileException;
import java.util.List;

/** A data file or folder that cannot be used, as {@code FILE: reason} lines (exit code 1). */
public final class DataException extends InvalidFileException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception for one problem of {@code file}. */
    public DataException(String file, String problem) {
        super(file, problem);
    }

    /** Creates an exception listing several problems of {@code file}. */
    public DataException(String file, List<String> problems) {
        super(file, problems);
    }
}
