package dev.cnnc.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the command line ends when something goes wrong: wrong usage exits 2 with the message
 * and a pointer to {@code --help}; any other failure exits 3 with one line
 * {@code cnnc: MESSAGE} (and the stack trace only with {@code --debug}). Invalid specs never
 * get here: commands print their diagnostics and return 1 themselves.
 */
final class ErrorHandlers {
    private ErrorHandlers() {
    }

    /** picocli's {@code IParameterExceptionHandler}: wrong usage, exit 2. */
    static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("cnnc: " + message(e));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE;
    }

    /** picocli says "Unmatched argument at index 0: 'foo'" for an unknown command; say what it is. */
    private static String message(ParameterException e) {
        CommandLine cmd = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException u && !cmd.getSubcommands().isEmpty()
                && cmd.getCommandSpec().positionalParameters().isEmpty()) {
            List<String> unmatched = u.getUnmatched();
            if (!unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
                return "unknown command '" + unmatched.get(0) + "' (commands: "
                        + String.join(", ", cmd.getSubcommands().keySet()) + ")";
            }
        }
        return e.getMessage();
    }

    /** picocli's {@code IExecutionExceptionHandler}: any other failure, exit 3. */
    static int failure(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean debug = debugRequested(parsed);
        if (e instanceof CommandFailure) {
            err.println("cnnc: " + e.getMessage());
        } else {
            err.println("cnnc: internal error: " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + (debug ? "" : " (run with --debug for the stack trace)"));
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.FAILURE;
    }

    /** {@code --debug} is inherited: it may be given to the top command or any subcommand. */
    private static boolean debugRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
