package dev.cnnc.spec.diag;

/**
 * A 1-based line and column in a source file. {@link #NONE} marks "no position"
 * (e.g. a problem with a file as a whole).
 */
public record Position(String file, int line, int column) {
    public static final Position NONE = new Position("", 0, 0);

    public Position {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null (use \"\")");
        }
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column are 1-based or 0 for none: " + line + ":" + column);
        }
    }

    /** A position at the start of a file, for problems with the file as a whole. */
    public static Position ofFile(String file) {
        return new Position(file, 0, 0);
    }

    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return isKnown() ? file + ":" + line + ":" + column : file;
    }
}
