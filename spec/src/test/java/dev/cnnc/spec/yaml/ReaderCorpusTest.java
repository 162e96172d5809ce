package dev.cnnc.spec.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.diag.DiagnosticPrinter;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.SourceText;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.testing.Expectations;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every file of {@code diagnostics/reader/} through the reader and compares the
 * diagnostics with the file's inline {@code # expect-error:} lines (exact set). A file
 * without expectations must parse into a spec. Each file gets 2 s, so that alias bombs
 * and deep nesting must be refused quickly.
 */
class ReaderCorpusTest {
    @TestFactory
    Stream<DynamicTest> corpus() throws IOException, URISyntaxException {
        return files().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    @Test
    void corpusCoversTheRules() throws IOException, URISyntaxException {
        assertTrue(files().size() >= 35, "corpus has " + files().size() + " files");
    }

    private static List<Path> files() throws IOException, URISyntaxException {
        Path dir = Path.of(ReaderCorpusTest.class.getResource("/diagnostics/reader").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static void check(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        SourceText src = new SourceText(file.getFileName().toString(), text);
        Diagnostics diags = new Diagnostics();
        Optional<NetworkSpec> spec = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> new SpecReader().read(src, diags));
        Expectations exp = Expectations.parse(text);
        String printed = new DiagnosticPrinter(Map.of(src.name(), src)).text(diags.sorted());
        assertEquals(List.of(), exp.mismatches(diags.all()), printed);
        assertEquals(exp.expected().isEmpty(), spec.isPresent(), "a spec exactly when there are no errors\n" + printed);
        Set<String> once = new HashSet<>();
        for (Diagnostic d : diags.all()) {
            assertTrue(once.add(d.code() + " " + d.position() + " " + d.message()), "reported twice: " + d);
        }
    }
}
