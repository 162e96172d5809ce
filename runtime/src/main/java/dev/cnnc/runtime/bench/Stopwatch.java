package dev.cnnc.runtime.bench;

import java.util.Arrays;

/**
 * Times a task warm: calls it until {@code warmup} seconds have passed (so C2 has compiled it),
 * then times single calls until both {@code minReps} and {@code seconds} are reached, and
 * reports the median (robust against GC pauses and other processes on the machine).
 */
public final class Stopwatch {
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
        long[] times = new long[1024];
        int n = 0;
        end = System.nanoTime() + (long) (seconds * 1e9);
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

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
    }
}
