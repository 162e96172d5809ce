package dev.cnnc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.spec.model.EarlyStopping;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Best-epoch tracking and patience, Keras' rules with min_delta 0. */
class EarlyStopperTest {
    @Test
    void stopsAfterPatienceEpochsWithoutLowerValLoss() {
        EarlyStopper s = new EarlyStopper(Optional.of(new EarlyStopping(2, EarlyStopping.Metric.VAL_LOSS)));
        assertTrue(s.update(EpochMetrics.of(1, 1, 0.5, 0.9, 0.6, 0.1, 1)));
        assertTrue(s.update(EpochMetrics.of(2, 1, 0.5, 0.8, 0.6, 0.1, 1)));
        assertFalse(s.update(EpochMetrics.of(3, 1, 0.5, 0.8, 0.7, 0.1, 1)), "equal is not better");
        assertFalse(s.shouldStop());
        assertFalse(s.update(EpochMetrics.of(4, 1, 0.5, 0.85, 0.7, 0.1, 1)));
        assertTrue(s.shouldStop());
        assertEquals(2, s.bestEpoch());
        assertEquals(0.8, s.bestValue());
    }

    @Test
    void accuracyIsMaximised() {
        EarlyStopper s = new EarlyStopper(Optional.of(new EarlyStopping(1, EarlyStopping.Metric.VAL_ACCURACY)));
        s.update(EpochMetrics.of(1, 1, 0.5, 0.9, 0.6, 0.1, 1));
        assertTrue(s.update(EpochMetrics.of(2, 1, 0.5, 2.0, 0.7, 0.1, 1)));
        assertFalse(s.update(EpochMetrics.of(3, 1, 0.5, 0.1, 0.65, 0.1, 1)));
        assertTrue(s.shouldStop());
        assertEquals(2, s.bestEpoch());
    }

    @Test
    void withoutEarlyStoppingTracksValLossAndNeverStops() {
        EarlyStopper s = new EarlyStopper(Optional.empty());
        for (int e = 1; e <= 20; e++) {
            s.update(EpochMetrics.of(e, 1, 0.5, e == 3 ? 0.1 : 1.0, 0.5, 0.1, 1));
        }
        assertFalse(s.shouldStop());
        assertEquals(3, s.bestEpoch());
    }

    @Test
    void withoutValidationUsesTrainingLoss() {
        EarlyStopper s = new EarlyStopper(Optional.empty());
        s.update(EpochMetrics.withoutValidation(1, 0.7, 0.5, 0.1, 1));
        s.update(EpochMetrics.withoutValidation(2, 0.4, 0.5, 0.1, 1));
        s.update(EpochMetrics.withoutValidation(3, 0.6, 0.5, 0.1, 1));
        assertEquals(2, s.bestEpoch());
    }

    @Test
    void restoreContinuesCounting() {
        EarlyStopper s = new EarlyStopper(Optional.of(new EarlyStopping(3, EarlyStopping.Metric.VAL_LOSS)));
        s.restore(4, 0.5, 2);
        assertFalse(s.update(EpochMetrics.of(7, 1, 0.5, 0.6, 0.6, 0.1, 1)));
        assertTrue(s.shouldStop());
    }
}
