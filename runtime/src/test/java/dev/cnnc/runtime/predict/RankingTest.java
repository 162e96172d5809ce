package dev.cnnc.runtime.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.LoadedSpec;
import dev.cnnc.runtime.SpecLoader;
import dev.cnnc.spec.diag.SourceText;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {
    private static boolean endsInSoftmax(String lastLayers) {
        String yaml = "name: t\ninput: [1, 4, 4]\nlayers:\n  - flatten\n" + lastLayers;
        LoadedSpec spec = new SpecLoader().load(new SourceText("t.yaml", yaml));
        return Ranking.endsInSoftmax(spec.spec().orElseThrow(() -> new AssertionError(spec.diagnostics())));
    }

    @Test
    void softmaxOutputIsRecognised() {
        assertTrue(endsInSoftmax("  - {type: dense, units: 3, activation: softmax}\n"));
        assertTrue(endsInSoftmax("  - {type: dense, units: 3}\n  - softmax\n"));
        assertFalse(endsInSoftmax("  - {type: dense, units: 3}\n"));
        assertFalse(endsInSoftmax("  - {type: dense, units: 3, activation: softmax}\n  - relu\n"));
    }

    @Test
    void softmaxOfLogits() {
        // softmax([0, ln 2, ln 5]) = [1, 2, 5] / 8; a shift by 1000 must not overflow
        float[] z = {1000f, 1000f + (float) Math.log(2), 1000f + (float) Math.log(5)};
        assertArrayEquals(new double[] {1 / 8.0, 2 / 8.0, 5 / 8.0}, Ranking.probabilities(z, 0, 3, false), 1e-4);
    }

    @Test
    void probabilitiesPassThroughAfterSoftmax() {
        assertArrayEquals(new double[] {0.25, 0.75}, Ranking.probabilities(new float[] {9, 0.25f, 0.75f}, 1, 2, true));
    }

    @Test
    void topKBestFirstTiesByIndexUnlabelledByIndex() {
        List<Ranking.Scored> top = Ranking.top(new double[] {0.1, 0.4, 0.1, 0.4}, List.of("a", "b"), 3);
        assertEquals(List.of(new Ranking.Scored(1, "b", 0.4), new Ranking.Scored(3, "3", 0.4),
                new Ranking.Scored(0, "a", 0.1)), top);
        assertEquals(1, Ranking.top(new double[] {1}, List.of(), 3).size());
    }
}
