package dev.cnnc.cli;

/**
 * A failure that is not the user's spec's fault and not a bug, e.g. an output file that
 * cannot be written: printed as one line {@code cnnc: MESSAGE}, exit code 3.
 */
final class CommandFailure extends RuntimeException {
    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
