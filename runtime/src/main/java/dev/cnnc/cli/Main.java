package dev.cnnc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cnnc} command: dispatches to one subcommand per verb. */
@Command(name = "cnnc", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Declarative convolutional networks, compiled to plain Java.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return ExitCode.OK;
    }

    /** A configured command line, for {@link #main} and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
