package dev.cnnc.runtime.safetensors;

import dev.cnnc.runtime.InvalidFileException;
import java.util.List;

/** A safetensors file that is malformed or does not fit the model, as {@code FILE: reason} lines. */
public final class SafetensorsException extends InvalidFileException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception for one problem of {@code file}. */
    public SafetensorsException(String file, String problem) {
        super(file, problem);
    }

    /** Creates an exception listing several problems of {@code file}. */
    public SafetensorsException(String file, List<String> problems) {
        super(file, problems);
    }
}
