package dev.cnnc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code cnnc} command: dispatches to one subcommand per verb. */
@Command(name = "cnnc", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Declarative convolutional networks, compiled to plain Java.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {ValidateCommand.class, SummaryCommand.class, CompileCommand.class, PredictCommand.class,
            TrainCommand.class, EvaluateCommand.class, BenchCommand.class, SchemaCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 invalid spec or file, 2 wrong usage, 3 other failure, 4 training diverged,",
            "130 interrupted (after saving a checkpoint).",
            "Run 'cnnc COMMAND --help' for the options of a command."})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Read by {@link ErrorHandlers} from the parse result; declared here so it is documented. */
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of internal failures (exit code 3).")
    boolean debug;

    /** Without a command: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("cnnc: missing a command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** A configured command line, for {@link #main} and for tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(ErrorHandlers::usageError);
        cli.setExecutionExceptionHandler(ErrorHandlers::failure);
        return cli;
    }

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("cnnc: out of memory (raise the limit, e.g. CNNC_JAVA_OPTS=-Xmx4g)");
            code = ExitCode.FAILURE;
        }
        System.exit(code);
    }
}
