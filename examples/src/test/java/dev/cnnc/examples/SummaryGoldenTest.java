package dev.cnnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Golden files for {@code cnnc summary}: for each example {@code <name>.yaml} the whole
 * output must equal {@code src/test/resources/summary/<name>.txt}.
 *
 * <p>After an intended change of the summary format, or a new example, regenerate the
 * files and review the diff before committing:
 * <pre>
 * ./mvnw -B -q -pl examples -am verify -Dcnnc.updateGolden=true
 * git diff examples/src/test/resources/summary/
 * </pre>
 * With {@code -Dcnnc.updateGolden=true} the test writes the files instead of comparing
 * (and still fails on a non-zero exit code).
 */
class SummaryGoldenTest {
    /** The system property that turns comparing into rewriting. */
    static final String UPDATE = "cnnc.updateGolden";

    static List<Path> examples() {
        return ExampleSpecs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void summaryEqualsGoldenFile(Path file) throws IOException {
        String actual = summary(file);
        Path golden = ExampleSpecs.baseDir().resolve("src/test/resources/summary")
                .resolve(ExampleSpecs.name(file) + ".txt");
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(golden), () -> "no golden file " + golden + "; create it with -D" + UPDATE + "=true");
        String expected = Files.readString(golden, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertEquals(expected, actual, () -> "cnnc summary " + file.getFileName() + " differs from " + golden
                + " (after an intended change: rerun with -D" + UPDATE + "=true and review the diff)");
    }

    /** Runs {@code cnnc summary <file>} in-process (relative path, as a user would type it). */
    private static String summary(Path file) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("summary", ExampleSpecs.baseDir().relativize(file).toString());
        assertEquals(0, exit, () -> "cnnc summary " + file.getFileName() + " exited with " + exit
                + "\nstdout:\n" + out + "\nstderr:\n" + err);
        return out.toString().replace("\r\n", "\n");
    }
}
