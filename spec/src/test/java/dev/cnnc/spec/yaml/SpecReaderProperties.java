package dev.cnnc.spec.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.SourceText;
import dev.cnnc.spec.model.NetworkSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random mutations of valid specs never make the reader throw: the result is a spec or
 * diagnostics with known positions, and a spec exactly when there is no error.
 */
class SpecReaderProperties {
    private static final List<String> SEEDS = List.of("valid_lenet.yaml", "valid_blocks_resnet.yaml",
            "valid_conv1d_train.yaml", "valid_bare_strings.yaml", "valid_nested_blocks.yaml", "valid_padding_forms.yaml");
    private static final List<String> SCALARS = List.of("0", "-1", "1", "2147483648", "99999999999999999999", "1.5",
            "-0.0", ".inf", ".nan", "1e999", "yes", "no", "on", "~", "null", "''", "\"\"", "$x", "$filters", "$", "*a",
            "&a 3", "!!str 3", "!foo", "[", "]", "{", "}", "[]", "{}", "[1, 2]", "[1, 2, 3, 4]", "[-1]", "same", "valid",
            "relu", "add", "input", "stage1", "c1", "a.b", "\"\\u0022\"", "\"a\\nb\"", "x".repeat(300), "- relu", ": :",
            "|", ">", "#", "---", "...", "%YAML 1.2", "\t");

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
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(SCALARS), Arbitraries.of("\n", "\n  ", "\n- ",
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
        return mutate(Arbitraries.of(SEEDS).map(SpecReaderProperties::load));
    }

    @Provide
    Arbitrary<String> mutatedCorpus() throws IOException, java.net.URISyntaxException {
        java.nio.file.Path dir = java.nio.file.Path.of(SpecReaderProperties.class.getResource("/diagnostics/reader").toURI());
        List<String> files;
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
        return mutate(Arbitraries.of(files).map(SpecReaderProperties::load));
    }

    private static Arbitrary<String> mutate(Arbitrary<String> seed) {
        Arbitrary<List<Mutation>> mutations = mutation().list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(seed, mutations).as((s, ms) -> {
            String t = s;
            for (Mutation m : ms) {
                t = m.apply(t);
            }
            return t;
        });
    }

    /** One edit of the text; positions are fractions so that they fit any text. */
    private interface Mutation {
        String apply(String text);
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
        Arbitrary<Mutation> delete = at.map(f -> t -> edit(t, f, (lines, i) -> lines.remove(i)));
        Arbitrary<Mutation> duplicate = at.map(f -> t -> edit(t, f, (lines, i) -> lines.add(i, lines.get(i))));
        Arbitrary<Mutation> swap = Combinators.combine(at, at).as((f, g) -> t -> edit(t, f, (lines, i) -> {
            int j = (int) (g * (lines.size() - 1));
            String x = lines.get(i);
            lines.set(i, lines.get(j));
            lines.set(j, x);
        }));
        Arbitrary<Mutation> change = Combinators.combine(at, Arbitraries.chars().with(":,[]{}-#&*!$'\" \t0a\\"))
                .as((f, c) -> t -> {
                    if (t.isEmpty()) {
                        return t;
                    }
                    int i = (int) (f * (t.length() - 1));
                    return t.substring(0, i) + c + t.substring(i + 1);
                });
        Arbitrary<Mutation> value = Combinators.combine(at, Arbitraries.of(SCALARS)).as((f, v) -> t ->
                edit(t, f, (lines, i) -> {
                    String line = lines.get(i);
                    int colon = line.indexOf(": ");
                    lines.set(i, colon < 0 ? line + " " + v : line.substring(0, colon + 2) + v);
                }));
        return Arbitraries.oneOf(delete, duplicate, swap, change, value);
    }

    private interface LineEdit {
        void apply(List<String> lines, int index);
    }

    private static String edit(String text, double f, LineEdit e) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.isEmpty()) {
            return text;
        }
        e.apply(lines, (int) (f * (lines.size() - 1)));
        return String.join("\n", lines);
    }

    private static String load(String file) {
        try (InputStream in = SpecReaderProperties.class.getResourceAsStream("/diagnostics/reader/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
