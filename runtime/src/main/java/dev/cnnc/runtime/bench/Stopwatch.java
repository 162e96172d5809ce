package dev.cnnc.runtime.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Times a task warm: calls it until {@code warmup} seconds have passed and then until the JIT has
 * compiled nothing for {@link #QUIET_NANOS} (at most {@link #MAX_EXTRA_WARMUP_NANOS} longer), then
 * times windows of single calls, each until both {@code minReps} and {@code seconds} are reached,
 * until two windows in a row have medians within {@link #AGREE} of each other (at most
 * {@link #MAX_WINDOWS}), and reports the last window's median (robust against GC pauses and
 * other processes on the machine).
 *
 * <p>Why wait for the JIT: C2 compiles big methods (a training step's) in the background, on a
 * 2-core machine for seconds; a fixed one-second warm-up timed LeNet-5's training anywhere
 * between 1,100 and 5,400 samples/s from run to run, depending on what was compiled yet.
 *
 * <p>Why windows that agree: the JIT's compile time only counts a compilation once it ends, so a
 * long C2 compilation looks like a quiet JIT, and a window may time code that is still waiting
 * for it. (Code the JIT compiled badly for good, as the opt-in vector kernels' training was when
 * it boxed its vectors, stays slow in every window: docs/performance.md, "Where the time goes".)
 */
public final class Stopwatch {
    /** The JIT is taken as done once it compiled nothing for this long. */
    static final long QUIET_NANOS = 300_000_000L;
    /** The longest the warm-up waits for the JIT beyond {@code warmup} seconds. */
    static final long MAX_EXTRA_WARMUP_NANOS = 10_000_000_000L;
    /** Two windows agree when their medians differ by at most this fraction of the larger. */
    static final double AGREE = 0.10;
    /** The most timing windows before the last one is reported anyway. */
    static final int MAX_WINDOWS = 6;
    private final double warmupSeconds;
    private final double seconds;
    private final int minReps;

    public Stopwatch(double warmupSeconds, double seconds, int minReps) {
        if (warmupSeconds < 0 || seconds <= 0 || minReps < 1) {
            throw new IllegalArgumentException("bad stopwatch " + warmupSeconds + "/" + seconds + "/" + minReps);
        }
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
        this.minReps = minReps;
    }

    /** The same stopwatch with all times multiplied by {@code factor}. */
    public Stopwatch scaled(double factor) {
        return new Stopwatch(warmupSeconds * factor, seconds * factor, minReps);
    }

    /** Median nanoseconds of one call of {@code task}, warm. */
    public double medianNanos(Runnable task) {
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int warm = 0;
        while (warm < 3 || System.nanoTime() < end) {
            task.run();
            warm++;
        }
        if (warmupSeconds > 0) {
            untilJitQuiet(task);
        }
        double previous = window(task);
        for (int w = 1; w < MAX_WINDOWS; w++) {
            double current = window(task);
            if (agree(previous, current)) {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    /** Whether two window medians are within {@link #AGREE} of each other. */
    static boolean agree(double a, double b) {
        return Math.abs(a - b) <= AGREE * Math.max(a, b);
    }

    /** The median of single calls, timed until both {@code minReps} and {@code seconds} are reached. */
    private double window(Runnable task) {
        long[] times = new long[1024];
        int n = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (n < minReps || System.nanoTime() < end) {
            long t0 = System.nanoTime();
            task.run();
            long t = System.nanoTime() - t0;
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
            }
            times[n++] = t;
        }
        return median(Arrays.copyOf(times, n));
    }

    /** Runs {@code task} until the JIT compiler has been idle for {@link #QUIET_NANOS} (or the cap). */
    private static void untilJitQuiet(Runnable task) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long start = System.nanoTime();
        long compiled = jit.getTotalCompilationTime();
        long quietSince = start;
        while (System.nanoTime() - quietSince < QUIET_NANOS && System.nanoTime() - start < MAX_EXTRA_WARMUP_NANOS) {
            task.run();
            long now = jit.getTotalCompilationTime();
            if (now != compiled) {
                compiled = now;
                quietSince = System.nanoTime();
            }
        }
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
    }
}
