package dev.cnnc.spec.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.SourceText;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.testing.SpecMutations;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random mutations of valid specs never make the reader throw: the result is a spec or
 * diagnostics with known positions, and a spec exactly when there is no error.
 */
class SpecReaderProperties {
    @Property(tries = 400)
    void mutatedSpecsNeverThrow(@ForAll("mutated") String text) {
        check(text);
    }

    /** The same for the whole corpus, hostile files included. */
    @Property(tries = 300)
    void mutatedCorpusFilesNeverThrow(@ForAll("mutatedCorpus") String text) {
        check(text);
    }

    /** Short texts made of YAML's special characters and a few words. */
    @Property(tries = 500)
    void yamlishNoiseNeverThrows(@ForAll("noise") String text) {
        check(text);
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(SpecMutations.SCALARS), Arbitraries.of("\n", "\n  ", "\n- ",
                "name: ", "input: ", "layers:", "type: ", "use: ", "blocks:", "train:", "<<: ", ", ", ": ", "- "),
                Arbitraries.strings().withChars(":-[]{}&*!|>'\"%@`#,?\t ").ofMaxLength(3));
        return token.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    private static void check(String text) {
        Diagnostics d = new Diagnostics();
        Optional<NetworkSpec> spec = new SpecReader().read(new SourceText("m.yaml", text), d);
        assertEquals(!d.hasErrors(), spec.isPresent(), () -> text + "\n" + d.all());
        for (Diagnostic diag : d.all()) {
            assertTrue(diag.position().isKnown(), () -> "no position: " + diag);
            assertTrue(diag.position().line() <= text.split("\n", -1).length + 1, () -> "past the end: " + diag);
        }
    }

    @Provide
    Arbitrary<String> mutated() {
        return SpecMutations.mutatedSeeds();
    }

    @Provide
    Arbitrary<String> mutatedCorpus() {
        return SpecMutations.mutatedCorpus();
    }
}
