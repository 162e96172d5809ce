package dev.cnnc.runtime;

import java.util.List;
import java.util.Objects;

/**
 * A weights or data file that cnnc cannot use, with one {@code FILE: reason} line per problem.
 *
 * <p>The command line prints {@link #getMessage()} and exits with code 1 (contract §2); no stack
 * trace is shown. Subclasses name the kind of file: {@code SafetensorsException} for weights,
 * {@code DataException} for data sets.
 */
public class InvalidFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final List<String> problems;

    /**
     * Creates an exception for one problem.
     *
     * @param file the file as the user named it (printed verbatim)
     * @param problem what is wrong, without the file name
     */
    public InvalidFileException(String file, String problem) {
        this(file, List.of(problem));
    }

    /**
     * Creates an exception listing several problems of one file.
     *
     * @param file the file as the user named it
     * @param problems what is wrong, at least one entry
     */
    public InvalidFileException(String file, List<String> problems) {
        super(format(file, problems));
        this.file = Objects.requireNonNull(file, "file");
        this.problems = List.copyOf(problems);
    }

    /** Returns the file name as it appears in the message. */
    public String file() {
        return file;
    }

    /** Returns the problems without the file prefix, in the order found. */
    public List<String> problems() {
        return problems;
    }

    private static String format(String file, List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidFileException needs at least one problem");
        }
        StringBuilder sb = new StringBuilder();
        for (String p : problems) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(file).append(": ").append(p);
        }
        return sb.toString();
    }
}
