package dev.cnnc.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.shape.ShapeChecker;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.spec.diag.DiagnosticPrinter;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.SourceText;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.yaml.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The example specs: the {@code *.yaml} files directly in the examples module's base
 * directory, which is the working directory when Maven runs the tests.
 */
final class ExampleSpecs {
    /** Fewer files than this means the tests do not run from the module directory. */
    private static final int AT_LEAST = 6;

    private ExampleSpecs() {
    }

    /** The module directory ({@code ${basedir}}), where the YAML files live. */
    static Path baseDir() {
        return Path.of("").toAbsolutePath();
    }

    /** Every example, sorted by file name. */
    static List<Path> all() {
        try (Stream<Path> files = Files.list(baseDir())) {
            List<Path> yaml = files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
            assertTrue(yaml.size() >= AT_LEAST, "expected at least " + AT_LEAST + " example specs in "
                    + baseDir() + " (run the tests from the examples module), found " + yaml);
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code lenet5} for {@code .../lenet5.yaml}. */
    static String name(Path file) {
        String f = file.getFileName().toString();
        return f.substring(0, f.length() - ".yaml".length());
    }

    /** The outcome of reading and shape-checking one file. */
    record Checked(SourceText source, Diagnostics diagnostics, Optional<TypedNetwork> network) {
        /** The diagnostics in the contract's text format, for failure messages. */
        String report() {
            return new DiagnosticPrinter(Map.of(source.name(), source)).text(diagnostics.sorted());
        }
    }

    /** Reads {@code file} with {@link SpecReader} and checks it with {@link ShapeChecker}. */
    static Checked check(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SourceText source = new SourceText(file.getFileName().toString(), text);
        Diagnostics diagnostics = new Diagnostics();
        Optional<NetworkSpec> spec = new SpecReader().read(source, diagnostics);
        Optional<TypedNetwork> network = spec.flatMap(s -> new ShapeChecker().check(s, diagnostics));
        return new Checked(source, diagnostics, network);
    }
}
