package dev.cnnc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cnnc.spec.model.LrSchedule;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The schedules against their closed-form formulas. */
class LrSchedulerTest {
    @Test
    void noneKeepsTheRate() {
        LrScheduler s = new LrScheduler(LrSchedule.NONE, 0.01, 5);
        for (int e = 0; e < 10; e++) {
            assertEquals(0.01, s.lr(e));
        }
    }

    @Property
    void stepIsGammaToTheFloorOfEpochOverStepSize(@ForAll @IntRange(min = 1, max = 10) int stepSize,
            @ForAll @DoubleRange(min = 0.01, max = 1) double gamma, @ForAll @IntRange(min = 0, max = 100) int epoch) {
        LrScheduler s = new LrScheduler(new LrSchedule(LrSchedule.Type.STEP, stepSize, gamma, 0, 0), 0.5, 100);
        int decays = 0;
        for (int e = stepSize; e <= epoch; e += stepSize) {
            decays++;
        }
        double expected = 0.5;
        for (int i = 0; i < decays; i++) {
            expected *= gamma;
        }
        assertEquals(expected, s.lr(epoch), 1e-12 * 0.5);
    }

    @Property
    void cosineFormula(@ForAll @IntRange(min = 1, max = 50) int epochs, @ForAll @IntRange(min = 0, max = 60) int epoch,
            @ForAll @DoubleRange(min = 0, max = 0.001) @net.jqwik.api.constraints.Scale(6) double minLr) {
        LrScheduler s = new LrScheduler(new LrSchedule(LrSchedule.Type.COSINE, 1, 1, 0, minLr), 0.01, epochs);
        double expected = minLr + (0.01 - minLr) * (1 + Math.cos(Math.PI * epoch / epochs)) / 2;
        assertEquals(expected, s.lr(epoch), 1e-15);
    }

    @Test
    void cosineEndpoints() {
        LrScheduler s = new LrScheduler(new LrSchedule(LrSchedule.Type.COSINE, 1, 1, 0, 0.001), 0.1, 10);
        assertEquals(0.1, s.lr(0), 1e-15);
        assertEquals(0.0505, s.lr(5), 1e-15);
        assertEquals(0.001, s.lr(10), 1e-15);
    }

    @Test
    void rejectsNegativeEpoch() {
        assertThrows(IllegalArgumentException.class, () -> new LrScheduler(LrSchedule.NONE, 0.1, 3).lr(-1));
    }
}
