package dev.cnnc.cli;

import dev.cnnc.runtime.run.Overrides;
import java.util.Optional;
import picocli.CommandLine.ParameterException;

/** The usage checks of {@code cnnc train} (exit code 2), before anything is read. */
final class TrainUsage {
    /** The most threads train and bench start: each is a model instance with its own buffers. */
    static final int MAX_THREADS = 1024;

    private TrainUsage() {
    }

    /** Checks the flags and returns the overrides they give. */
    static Overrides check(TrainCommand c) {
        if (c.epochs != null && c.epochs < 1) {
            throw usage(c, "--epochs must be at least 1, got " + c.epochs);
        }
        if (c.batch != null && c.batch < 1) {
            throw usage(c, "--batch must be at least 1, got " + c.batch);
        }
        if (c.lr != null && !(c.lr > 0 && Double.isFinite(c.lr))) {
            throw usage(c, "--lr must be a positive number, got " + c.lr);
        }
        if (c.threads < 1 || c.threads > MAX_THREADS) {
            throw usage(c, "--threads must be between 1 and " + MAX_THREADS + ", got " + c.threads);
        }
        if (c.limit < 0) {
            throw usage(c, "--limit must be >= 0, got " + c.limit);
        }
        if (c.resume != null && c.force) {
            throw usage(c, "--resume continues a run and --force overwrites one; give only one of them");
        }
        return new Overrides(Optional.ofNullable(c.epochs), Optional.ofNullable(c.batch), Optional.ofNullable(c.lr),
                Optional.ofNullable(c.seed));
    }

    private static ParameterException usage(TrainCommand c, String message) {
        return new ParameterException(c.spec.commandLine(), message);
    }
}
