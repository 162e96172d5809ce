package dev.cnnc.compiler.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.PoolKind;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random networks with random (record-valid) parameters, sizes up to Integer.MAX_VALUE,
 * misspelt and forward inputs: the checker never throws, and it returns a network exactly
 * when it reported no error.
 */
class RandomNetworkPropertyTest {
    @Provide
    Arbitrary<List<int[]>> genes() {
        Arbitrary<Integer> value = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(1, 8)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 100_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, Integer.MAX_VALUE)));
        return value.list().ofSize(8).map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Integer>> inputs() {
        Arbitrary<Integer> dim = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(1, 40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, Integer.MAX_VALUE)));
        return dim.list().ofMinSize(2).ofMaxSize(3);
    }

    @Property(tries = 1000)
    void neverThrowsAndReturnsANetworkIffNoErrors(@ForAll("genes") List<int[]> genes,
                                                  @ForAll("inputs") List<Integer> input) {
        NetBuilder b = NetBuilder.input(input.toArray(Integer[]::new));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < genes.size(); i++) {
            int[] g = genes.get(i);
            String name = "l" + i;
            b.from(pickInput(g[7], names, genes.size()));
            addLayer(b, name, g, names);
            names.add(name);
        }
        Checked c = Checked.run(b);
        boolean errors = c.diagnostics().stream().anyMatch(Diagnostic::isError);
        net.jqwik.api.statistics.Statistics.collect(errors ? "errors" : "valid");
        assertEquals(!errors, c.network().isPresent(), () -> c.diagnostics().toString());
    }

    /** Mostly the previous layer; sometimes the input, a later layer (maybe a cycle) or a typo. */
    private static String pickInput(int g, List<String> names, int count) {
        return switch (g % 6) {
            case 0 -> "input";
            case 1 -> "l" + (g % count);
            case 2 -> "nosuch";
            default -> names.isEmpty() ? "input" : names.get(names.size() - 1);
        };
    }

    private static void addLayer(NetBuilder b, String name, int[] g, List<String> names) {
        int small = 1 + g[1] % 5;
        List<Integer> two = List.of(g[1], g[2]);
        Padding pad = g[4] % 3 == 0 ? Padding.SAME : g[4] % 3 == 1 ? Padding.VALID
                : new Padding.Explicit(List.of(g[5] - 1, g[6] - 1), List.of(g[6] - 1, g[5] - 1));
        switch (g[0] % 12) {
            case 0 -> b.conv(name, 2, g[3], two, List.of(small, g[4]), pad, PaddingMode.values()[g[5] % 4],
                    List.of(small, g[6]), 1 + g[6] % 4);
            case 1 -> b.conv(name, 1, g[3], List.of(g[1]), List.of(g[2]), g[4] % 2 == 0 ? Padding.VALID
                    : Padding.Explicit.uniform(g[5] - 1, 1), PaddingMode.values()[g[6] % 4], List.of(small), 1);
            case 2 -> b.pool(name, PoolKind.values()[g[3] % 3], 2, two, List.of(small, g[4]), pad, g[6] % 2 == 0);
            case 3 -> b.pool(name, PoolKind.MAX, 1, List.of(g[1]), List.of(g[2]), Padding.VALID, false);
            case 4 -> b.dense(name, g[1]);
            case 5 -> b.flatten(name);
            case 6 -> b.reshape(name, g[1] % 3 == 0 ? -1 : g[1], g[2]);
            case 7 -> b.add(name, names.isEmpty() ? "input" : names.get(g[2] % names.size()), "input");
            case 8 -> b.concat(name, names.isEmpty() ? "input" : names.get(g[2] % names.size()), "input");
            case 9 -> b.depthwise(name, small, g[3]);
            case 10 -> b.separable(name, g[3], small, g[4] % 2 == 0);
            default -> b.globalAvg(name);
        }
    }
}
