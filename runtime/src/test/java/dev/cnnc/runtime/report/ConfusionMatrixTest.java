package dev.cnnc.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Metrics of a hand-checked 3-class example.
 *
 * <pre>
 *             predicted a  b  c
 * actual a              5  1  0      support 6
 * actual b              2  3  1      support 6
 * actual c              0  0  0      support 0 (never occurs, predicted once)
 * </pre>
 * precision a = 5/7, b = 3/4, c = 0/1; recall a = 5/6, b = 3/6, c = 0 (no support).
 */
class ConfusionMatrixTest {
    private static ConfusionMatrix example() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        int[][] pairs = {{0, 0, 5}, {0, 1, 1}, {1, 0, 2}, {1, 1, 3}, {1, 2, 1}};
        for (int[] p : pairs) {
            for (int k = 0; k < p[2]; k++) {
                m.add(p[0], p[1]);
            }
        }
        return m;
    }

    @Test
    void perClassMetrics() {
        ConfusionMatrix m = example();
        assertEquals(12, m.total());
        assertEquals(8, m.correct());
        assertEquals(8.0 / 12, m.accuracy(), 1e-15);
        assertEquals(5.0 / 7, m.precision(0), 1e-15);
        assertEquals(3.0 / 4, m.precision(1), 1e-15);
        assertEquals(0, m.precision(2));
        assertEquals(5.0 / 6, m.recall(0), 1e-15);
        assertEquals(0.5, m.recall(1), 1e-15);
        assertEquals(0, m.recall(2));
        assertEquals(2 * (5.0 / 7) * (5.0 / 6) / (5.0 / 7 + 5.0 / 6), m.f1(0), 1e-15);
        assertEquals(0.6, m.f1(1), 1e-15); // 2 * 0.75 * 0.5 / 1.25
        assertEquals(0, m.f1(2));
        assertEquals((5.0 / 7 + 0.75 + 0) / 3, m.macro(m::precision), 1e-15);
        assertEquals((6 * 5.0 / 6 + 6 * 0.5) / 12, m.weighted(m::recall), 1e-15);
    }

    @Test
    void argmaxOfOutputsTakesTheFirstMaximum() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        float[] out = {0.1f, 0.7f, 0.2f, 0.5f, 0.5f, 0f, -1f, -3f, -0.5f};
        m.addBatch(out, new int[] {1, 1, 2}, 3);
        assertEquals(1, m.count(1, 1));
        assertEquals(1, m.count(1, 0), "tie goes to the first class");
        assertEquals(1, m.count(2, 2));
    }

    @Test
    void csvHasHeaderAndOneRowPerActualClass() {
        assertEquals("actual\\predicted,a,\"b,x\",c\na,5,1,0\n\"b,x\",2,3,1\nc,0,0,0\n",
                example().toCsv(List.of("a", "b,x", "c")));
        assertTrue(example().toCsv(List.of()).startsWith("actual\\predicted,0,1,2\n0,5,1,0\n"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonReportParsesAndCarriesTheNumbers() {
        EvaluationReport r = new EvaluationReport(0.25, example(), List.of("a", "b\"q", "c"));
        Map<String, Object> json = new Yaml().load(r.toJson());
        assertEquals(0.25, json.get("loss"));
        assertEquals(8, json.get("correct"));
        assertEquals(12, json.get("total"));
        List<Map<String, Object>> classes = (List<Map<String, Object>>) json.get("classes");
        assertEquals("b\"q", classes.get(1).get("name"));
        assertEquals(0.75, classes.get(1).get("precision"));
        assertEquals(6, classes.get(0).get("support"));
        assertEquals(List.of(List.of(5, 1, 0), List.of(2, 3, 1), List.of(0, 0, 0)), json.get("confusion"));
        assertEquals(0.6 / 3 + 2 * (5.0 / 7) * (5.0 / 6) / (5.0 / 7 + 5.0 / 6) / 3,
                (Double) ((Map<String, Object>) json.get("macro_avg")).get("f1"), 1e-15);
    }

    @Test
    void textReportShowsMetricsAndMatrix() {
        String text = new EvaluationReport(0.25, example(), List.of("cat", "dog", "bird")).toText();
        assertTrue(text.contains("accuracy  0.6667 (8 / 12)"), text);
        assertTrue(text.matches("(?s).*dog\\s+0\\.7500\\s+0\\.5000\\s+0\\.6000\\s+6.*"), text);
        assertTrue(text.matches("(?s).*\\ndog\\s+2\\s+3\\s+1\\R.*"), text);
    }
}
