package dev.cnnc.spec.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random edits of spec texts for fuzzing (jqwik arbitraries): the reader's properties and the
 * compiler's reader-plus-shape-checker fuzz share them. Seeds are the valid and hostile files
 * of the reader corpus ({@code /diagnostics/reader}, on the spec module's test classpath).
 */
public final class SpecMutations {
    /** Valid seed specs. */
    public static final List<String> SEEDS = List.of("valid_lenet.yaml", "valid_blocks_resnet.yaml",
            "valid_conv1d_train.yaml", "valid_bare_strings.yaml", "valid_nested_blocks.yaml", "valid_padding_forms.yaml");
    /** Scalars and fragments that stress YAML and the reader. */
    public static final List<String> SCALARS = List.of("0", "-1", "1", "2147483648", "99999999999999999999", "1.5",
            "-0.0", ".inf", ".nan", "1e999", "yes", "no", "on", "~", "null", "''", "\"\"", "$x", "$filters", "$", "*a",
            "&a 3", "!!str 3", "!foo", "[", "]", "{", "}", "[]", "{}", "[1, 2]", "[1, 2, 3, 4]", "[-1]", "same", "valid",
            "relu", "add", "input", "stage1", "c1", "a.b", "\"\\u0022\"", "\"a\\nb\"", "x".repeat(300), "- relu", ": :",
            "|", ">", "#", "---", "...", "%YAML 1.2", "\t");

    private SpecMutations() {
    }

    /** Mutations of the valid seeds. */
    public static Arbitrary<String> mutatedSeeds() {
        return mutate(Arbitraries.of(SEEDS).map(SpecMutations::load));
    }

    /** Mutations of every file of the reader corpus, hostile ones included. */
    public static Arbitrary<String> mutatedCorpus() {
        List<String> files;
        try (Stream<Path> s = Files.list(Path.of(SpecMutations.class.getResource("/diagnostics/reader").toURI()))) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return mutate(Arbitraries.of(files).map(SpecMutations::load));
    }

    /** One to four edits of each seed. */
    public static Arbitrary<String> mutate(Arbitrary<String> seed) {
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
        try (InputStream in = SpecMutations.class.getResourceAsStream("/diagnostics/reader/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
