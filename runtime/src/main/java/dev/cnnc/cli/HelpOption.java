package dev.cnnc.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for subcommands (the top command has the standard help options). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
