package dev.cnnc.cli;

/** The process exit codes of the contract (§2). */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** A spec, weights or data file is invalid (diagnostics printed). */
    public static final int INVALID_INPUT = 1;
    /** Wrong usage (picocli's convention). */
    public static final int USAGE = 2;
    /** Other I/O or internal failure. */
    public static final int FAILURE = 3;
    /** Training diverged (NaN/Inf). */
    public static final int DIVERGED = 4;
    /** Interrupted (after saving a checkpoint). */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
