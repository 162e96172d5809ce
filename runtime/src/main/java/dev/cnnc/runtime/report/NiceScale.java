package dev.cnnc.runtime.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Axis ticks at "nice" numbers (1, 2 or 5 times a power of ten) covering a data range, after
 * Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990.
 *
 * @param min the lowest tick, ≤ the data minimum
 * @param max the highest tick, ≥ the data maximum
 * @param step the distance between ticks
 */
public record NiceScale(double min, double max, double step) {
    /** Returns a scale with about {@code targetTicks} ticks covering {@code [lo, hi]}. */
    public static NiceScale of(double lo, double hi, int targetTicks) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi))) {
            throw new IllegalArgumentException("range must be finite, got [" + lo + ", " + hi + "]");
        }
        if (hi < lo) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double range = nice(hi - lo, false);
        double step = nice(range / Math.max(1, targetTicks - 1), true);
        double min = Math.floor(lo / step) * step;
        double max = Math.ceil(hi / step) * step;
        return new NiceScale(min, max, step);
    }

    /** Returns the tick values from min to max. */
    public List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        int n = (int) Math.round((max - min) / step);
        for (int i = 0; i <= n; i++) {
            out.add(min + i * step);
        }
        return out;
    }

    /** Returns a tick label with just enough decimals for the step. */
    public String label(double v) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v + 0.0);
    }

    /** Heckbert's nice number: 1, 2, 5 or 10 times a power of ten, rounded or ceiled. */
    static double nice(double x, boolean round) {
        double exp = Math.floor(Math.log10(x));
        double f = x / Math.pow(10, exp);
        double nf;
        if (round) {
            nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        } else {
            nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        }
        return nf * Math.pow(10, exp);
    }
}
