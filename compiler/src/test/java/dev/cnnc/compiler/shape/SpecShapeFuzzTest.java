package dev.cnnc.compiler.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.SourceText;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.testing.SpecMutations;
import dev.cnnc.spec.yaml.SpecReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing the front end as the command line runs it: mutated specs (the reader's valid seeds
 * and the shape corpus, 1 to 4 edits each) through the reader and then the shape checker
 * never throw; the result is a typed network exactly when no error was reported, and every
 * diagnostic has a position inside the text. 10,000 cases per run (about 50 s on the 2-core build machine).
 */
class SpecShapeFuzzTest {
    private static final List<String> SHAPE_SEEDS = List.of("valid-lenet.yaml", "valid-residual-block.yaml",
            "valid-forward-reference.yaml", "add-mismatch.yaml", "concat-mismatch.yaml", "block-error.yaml",
            "groups-mismatch.yaml", "reshape-mismatch.yaml", "too-large-params.yaml", "too-large-activation.yaml",
            "unread-input-stride.yaml", "circular-padding.yaml", "cycle-three.yaml", "overflow-padding.yaml");

    @Property(tries = 10_000)
    void mutatedSpecsGiveOnlyDiagnostics(@ForAll("specs") String text) {
        Diagnostics d = new Diagnostics();
        Optional<NetworkSpec> spec = new SpecReader().read(new SourceText("m.yaml", text), d);
        Optional<TypedNetwork> network = spec.flatMap(s -> new ShapeChecker().check(s, d));
        assertEquals(!d.hasErrors(), network.isPresent(), () -> text + "\n" + d.all());
        int lines = text.split("\n", -1).length + 1;
        for (Diagnostic diag : d.all()) {
            assertTrue(diag.position().isKnown() && diag.position().line() <= lines, () -> "position: " + diag);
        }
    }

    @Provide
    Arbitrary<String> specs() {
        return Arbitraries.oneOf(SpecMutations.mutatedSeeds(),
                SpecMutations.mutate(Arbitraries.of(SHAPE_SEEDS).map(SpecShapeFuzzTest::load)));
    }

    private static String load(String file) {
        try (InputStream in = SpecShapeFuzzTest.class.getResourceAsStream("/diagnostics/shape/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
