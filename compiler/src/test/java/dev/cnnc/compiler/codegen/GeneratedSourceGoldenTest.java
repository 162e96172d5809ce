package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cnnc.compiler.testing.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated source of small examples, compared whole-file with the committed copy in
 * {@code src/test/resources/golden-sources}. After an intended change to the generator, rerun with
 * {@code -Dcnnc.updateGoldenSources=true} and review the diff.
 */
class GeneratedSourceGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden-sources");

    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "net1d"})
    void sourceIsUnchanged(String example) throws IOException {
        Path spec = Path.of("../examples/" + example + ".yaml");
        // fixed provenance: editing the example's comments must not change the golden file
        GeneratorOptions options = GeneratorOptions.defaults().withVersion("0.1.0")
                .withSpec("examples/" + example + ".yaml", "fixed spec text");
        String actual = JavaGenerator.generate(Models.typed(BytecodeBudgetTest.read(spec)), options).mainSource();
        Path golden = DIR.resolve(example + ".java.txt");
        if (Boolean.getBoolean("cnnc.updateGoldenSources")) {
            Files.createDirectories(DIR);
            Files.writeString(golden, actual);
        }
        assertEquals(Files.readString(golden), actual, "generated source of " + example + " changed; if intended, "
                + "rerun with -Dcnnc.updateGoldenSources=true and review the diff");
    }
}
