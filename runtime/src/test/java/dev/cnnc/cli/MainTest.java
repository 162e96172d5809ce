package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Usage, version and the exit codes of usage errors and failures (contract §2). */
class MainTest {
    @Test
    void versionNamesCnncAndJava() {
        Cli r = Cli.run("--version");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().matches("(?s)cnnc \\d+\\.\\d+\\.\\d+.*\nJava .*"), r::toString);
        assertEquals("", r.err());
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.code(), r::toString);
        for (String command : new String[] {"validate", "summary", "schema"}) {
            assertTrue(r.out().contains("  " + command + "  "), () -> command + " missing:\n" + r);
        }
        assertTrue(r.out().contains("--debug"), r::toString);
        assertTrue(r.out().contains("Exit codes"), r::toString);
    }

    @Test
    void subcommandHelpShowsItsOptions() {
        Cli r = Cli.run("validate", "--help");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("Usage: cnnc validate"), r::toString);
        assertTrue(r.out().contains("--format=FORMAT"), r::toString);
    }

    @Test
    void helpCommandShowsACommandsUsage() {
        Cli r = Cli.run("help", "summary");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("Usage: cnnc summary"), r::toString);
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli r = Cli.run("validate", "--bogus", Cli.spec("lenet.yaml"));
        assertEquals(ExitCode.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("Unknown option: '--bogus'"), r::toString);
        assertTrue(r.err().contains("Try 'cnnc validate --help'"), r::toString);
        assertEquals("", r.out());
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        Cli r = Cli.run("valdate", "x.yaml");
        assertEquals(ExitCode.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("unknown command 'valdate'"), r::toString);
        assertTrue(r.err().contains("validate"), r::toString);
    }

    @Test
    void badFormatValueIsAUsageError() {
        Cli r = Cli.run("validate", "--format", "xml", Cli.spec("lenet.yaml"));
        assertEquals(ExitCode.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("text, json"), r::toString);
    }

    @Test
    void missingFileArgumentIsAUsageError() {
        Cli r = Cli.run("validate");
        assertEquals(ExitCode.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("FILE"), r::toString);
    }

    @Test
    void noCommandPrintsUsageToStderrAndExits2() {
        Cli r = Cli.run();
        assertEquals(ExitCode.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("Usage: cnnc"), r::toString);
        assertEquals("", r.out());
    }

    @Test
    void internalFailureIsOneLineWithoutDebug() {
        String err = failWith(new IllegalStateException("boom"), "schema");
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("cnnc: internal error: java.lang.IllegalStateException: boom"), err);
        assertFalse(err.contains("\tat "), err);
    }

    @Test
    void debugPrintsTheStackTraceWhereverItIsGiven() {
        for (String[] args : new String[][] {{"--debug", "schema"}, {"schema", "--debug"}}) {
            String err = failWith(new IllegalStateException("boom"), args);
            assertTrue(err.startsWith("cnnc: internal error: java.lang.IllegalStateException: boom\n"), err);
            assertTrue(err.contains("\tat dev.cnnc.cli.MainTest"), err);
        }
    }

    @Test
    void commandFailureIsItsMessageOnly() {
        String err = failWith(new CommandFailure("cannot write x.json: permission denied", null), "schema");
        assertEquals("cnnc: cannot write x.json: permission denied\n", err);
    }

    /** Runs the execution-exception handler as picocli would after {@code args} were parsed. */
    private static String failWith(Exception e, String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        ParseResult parsed = cli.parseArgs(args);
        int code = ErrorHandlers.failure(e, cli, parsed);
        assertEquals(ExitCode.FAILURE, code);
        return err.toString();
    }
}
