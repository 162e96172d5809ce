package dev.cnnc.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cnnc.runtime.train.EpochMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** metrics.csv layout, number formatting and round trip. */
class MetricsCsvTest {
    @Test
    void rowsWithAndWithoutValidation() {
        String csv = MetricsCsv.render(List.of(
                EpochMetrics.of(1, 0.5123456789, 0.8125, 0.40000001, 0.85, 0.001, 12.3456),
                EpochMetrics.withoutValidation(2, 1234567.89, 1.0, 1e-5, 0.5)));
        assertEquals("epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds\n"
                + "1,0.512346,0.8125,0.4,0.85,0.001,12.346\n"
                + "2,1234570,1,,,0.00001,0.500\n", csv);
    }

    @Test
    void nonFiniteValuesArePythonReadable() {
        String csv = MetricsCsv.render(List.of(EpochMetrics.of(1, Double.NaN, 0.1, Double.POSITIVE_INFINITY, 0.1, 0.1, 1)));
        assertEquals("1,nan,0.1,inf,0.1,0.1,1.000", csv.split("\n")[1]);
    }

    @Test
    void exactRenderingRoundTrips() {
        List<EpochMetrics> in = List.of(EpochMetrics.of(1, 0.1 + 0.2, 1.0 / 3, Double.NaN, 0.25, Math.PI * 1e-4, 0.001),
                EpochMetrics.withoutValidation(2, 0.5, 0.75, 1e-3, 2));
        assertEquals(in, MetricsCsv.parse(MetricsCsv.renderExact(in)));
    }

    @Test
    void parseNamesTheBadLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetricsCsv.parse(MetricsCsv.HEADER + "\n1,2,3\n"));
        assertEquals("line 2: expected 7 cells, found 3", e.getMessage());
    }
}
