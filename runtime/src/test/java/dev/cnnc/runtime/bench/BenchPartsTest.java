package dev.cnnc.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.ir.ParamTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stopwatch statistics, allocation counting and the He initialisation of the benchmark. */
class BenchPartsTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Stopwatch.median(new long[] {9, 1, 3}));
        assertEquals(2.5, Stopwatch.median(new long[] {4, 1, 3, 2}));
    }

    @Test
    void allocationSeesAnArrayPerCall() {
        Object[] sink = new Object[1];
        double bytes = Allocation.perCall(() -> sink[0] = new byte[1000], 100).orElse(1000);
        // a byte[1000] is 1000 bytes of payload plus a header (12-16 bytes)
        assertTrue(bytes >= 1000 && bytes < 1100, "bytes per call " + bytes);
        assertEquals(0.0, Allocation.perCall(() -> { }, 100).orElse(0), 8.0);
    }

    @Test
    void windowsAgreeWithinTenPerCent() {
        assertTrue(Stopwatch.agree(100, 109));
        assertTrue(Stopwatch.agree(109, 100));
        assertFalse(Stopwatch.agree(100, 112));
        assertFalse(Stopwatch.agree(2000, 100));
    }

    /** A task that is slow until "the JIT" has compiled it (here: for 0.15 s) is timed fast. */
    @Test
    void aSlowStartIsNotSteadyState() throws Exception {
        long fastFrom = System.nanoTime() + 150_000_000L;
        double ns = new Stopwatch(0, 0.05, 3).medianNanos(() -> {
            try {
                Thread.sleep(System.nanoTime() < fastFrom ? 20 : 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(ns < 5e6, "median " + ns / 1e6 + " ms: the slow start was timed");
    }

    @Test
    void aOneOffAllocationIsNotSteadyState() {
        Object[] sink = new Object[1];
        int[] calls = {0};
        // 100 warm-up calls, then the first measured window allocates 1 MB once
        double bytes = Allocation.perCall(() -> {
            if (++calls[0] == 150) {
                sink[0] = new byte[1 << 20];
            }
        }, 100).orElse(0);
        assertEquals(100 + Allocation.WINDOWS * 100, calls[0]);
        assertEquals(0.0, bytes, 8.0, "bytes per call " + bytes);
    }

    @Test
    void heInitHasTheFanInStandardDeviationAndZeroBiases() {
        ParamTensor w = new ParamTensor("c.weight", List.of(64, 32, 3, 3), 0, true);
        ParamTensor b = new ParamTensor("c.bias", List.of(64), w.end(), true);
        float[] p = ModelBench.heInit(List.of(w, b), b.end(), 7);
        double sq = 0;
        for (int i = 0; i < w.size(); i++) {
            sq += p[i] * p[i];
        }
        double std = Math.sqrt(sq / w.size());
        double expected = Math.sqrt(2.0 / (32 * 9)); // He: sqrt(2 / fan_in), fan_in = in·kh·kw
        assertEquals(expected, std, expected * 0.03);
        for (int i = b.offset(); i < b.end(); i++) {
            assertEquals(0f, p[i]);
        }
    }

    /** The text report flags a boxed vector training step (megabytes), not a few bytes. */
    @Test
    void aTrainingStepThatAllocatesMegabytesIsFlagged() {
        assertTrue(result(true, 7_161_000).text(177).contains("vector operations boxed"));
        assertFalse(result(true, 96).text(177).contains("boxed"));
        assertFalse(result(false, 7_161_000).text(177).contains("boxed"), "only the vector kernels box");
        assertTrue(result(true, 96).text(177).contains("96 bytes/training step"));
        assertTrue(result(true, 96).json(177).contains("\"alloc_bytes_per_train_step\":96.00"));
    }

    private static BenchResult result(boolean vectorApi, double allocPerStep) {
        return new BenchResult("net", 64, 1, 10, 1000, Double.NaN, 500, "", 0, 0, allocPerStep, 1000, Double.NaN,
                1000, List.of(), vectorApi);
    }
}
