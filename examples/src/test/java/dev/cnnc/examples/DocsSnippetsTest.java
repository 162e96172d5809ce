package dev.cnnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.shape.ShapeChecker;
import dev.cnnc.spec.diag.DiagnosticPrinter;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.SourceText;
import dev.cnnc.spec.yaml.SpecReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The complete specs shown in {@code docs/spec.md} (YAML code blocks with top-level
 * {@code name:}, {@code input:} and {@code layers:}) read and shape-check with no error and
 * no warning, so the reference stays true to the code.
 */
class DocsSnippetsTest {
    private static final Path DOC = ExampleSpecs.baseDir().resolveSibling("docs").resolve("spec.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
    private static final Pattern COMPLETE = Pattern.compile("(?m)^name:.*$[\\s\\S]*^input:[\\s\\S]*^layers:");

    /** A snippet and where it starts in the document. */
    record Snippet(int line, String text) {
        @Override
        public String toString() {
            return "spec.md line " + line;
        }
    }

    static List<Snippet> completeSpecs() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8).replace("\r\n", "\n");
        List<Snippet> specs = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(doc);
        while (m.find()) {
            if (COMPLETE.matcher(m.group(1)).find()) {
                int line = (int) doc.substring(0, m.start(1)).chars().filter(c -> c == '\n').count() + 1;
                specs.add(new Snippet(line, m.group(1)));
            }
        }
        return specs;
    }

    @Test
    void theDocumentShowsCompleteSpecs() throws IOException {
        assertTrue(completeSpecs().size() >= 3, "expected at least 3 complete specs in " + DOC);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completeSpecs")
    void snippetChecksCleanly(Snippet snippet) {
        SourceText source = new SourceText("spec.md@" + snippet.line(), snippet.text());
        Diagnostics diagnostics = new Diagnostics();
        new SpecReader().read(source, diagnostics).flatMap(s -> new ShapeChecker().check(s, diagnostics));
        assertEquals(List.of(), diagnostics.all().stream().map(d -> d.code().id()).toList(),
                () -> new DiagnosticPrinter(Map.of(source.name(), source)).text(diagnostics.sorted()));
    }
}
