package dev.cnnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example spec parses and shape-checks with no error and no warning. */
class ExamplesCheckTest {

    static List<Path> examples() {
        return ExampleSpecs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void parsesAndChecksCleanly(Path file) {
        ExampleSpecs.Checked checked = ExampleSpecs.check(file);
        assertEquals(List.of(), checked.diagnostics().all().stream().map(d -> d.code().id()).toList(),
                () -> "diagnostics for " + file.getFileName() + ":\n" + checked.report());
        assertTrue(checked.network().isPresent(), "no typed network for " + file.getFileName());
    }
}
