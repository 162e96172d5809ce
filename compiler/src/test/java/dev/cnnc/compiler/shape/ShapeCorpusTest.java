package dev.cnnc.compiler.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.DiagnosticPrinter;
import dev.cnnc.spec.diag.SourceText;
import dev.cnnc.spec.testing.Expectations;
import dev.cnnc.spec.yaml.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The inline-expectation corpus: every {@code diagnostics/shape/*.yaml} is read and
 * shape-checked, and the diagnostics must be exactly the file's {@code # expect-...} lines.
 */
class ShapeCorpusTest {
    static Path corpus() {
        try {
            return Paths.get(ShapeCorpusTest.class.getResource("/diagnostics/shape").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> files() {
        try (Stream<Path> s = Files.list(corpus())) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void corpusIsLargeEnough() {
        assertTrue(files().size() >= 25, "at least 25 corpus files, found " + files().size());
    }

    @TestFactory
    Stream<DynamicTest> eachFileReportsExactlyWhatItExpects() {
        return files().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    @Test
    void errorInsideABlockNotesTheUseSite() throws IOException {
        Path file = corpus().resolve("block-error.yaml");
        String text = Files.readString(file);
        Diagnostics diagnostics = new Diagnostics();
        new SpecReader().read(new SourceText("block-error.yaml", text), diagnostics)
                .ifPresent(spec -> new ShapeChecker().check(spec, diagnostics));
        List<String> lines = text.lines().toList();
        int useLine = 1 + lines.indexOf(lines.stream().filter(l -> l.contains("{use: down")).findFirst().orElseThrow());
        assertEquals(1, diagnostics.all().size());
        assertEquals(List.of(useLine), diagnostics.all().get(0).notes().stream().map(n -> n.position().line()).toList());
    }

    private static void check(Path file) throws IOException {
        String text = Files.readString(file);
        SourceText source = new SourceText(file.getFileName().toString(), text);
        Diagnostics diagnostics = new Diagnostics();
        new SpecReader().read(source, diagnostics).ifPresent(spec -> new ShapeChecker().check(spec, diagnostics));
        List<String> problems = Expectations.parse(text).mismatches(diagnostics.all());
        String printed = new DiagnosticPrinter(Map.of(source.name(), source)).text(diagnostics.sorted());
        assertEquals(List.of(), problems, () -> file.getFileName() + " printed:\n" + printed);
    }
}
