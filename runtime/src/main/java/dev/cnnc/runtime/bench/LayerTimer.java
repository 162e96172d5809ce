package dev.cnnc.runtime.bench;

import dev.cnnc.runtime.NetworkSummary;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Times each layer method of a generated model on its own: the generated class computes layer
 * {@code L} in private methods {@code layer_L}, {@code layer_L_2}, ... (padding copies, parts of
 * a split layer), each reading and writing the instance's buffers. After one full forward, every
 * method is called repeatedly through reflection (about 0.1 µs of call overhead, negligible
 * against a convolution) and its warm median reported with the layer's MACs.
 */
public final class LayerTimer {
    private LayerTimer() {
    }

    /**
     * One method's median time, with the MACs of its layer when the method computes the layer's
     * products; {@code skipsZeros} when that kernel skips zero inputs, so that its GFLOP/s is an
     * effective rate (dense MACs over the time), not work executed.
     */
    public record Row(String method, String layer, double micros, long macs, boolean skipsZeros) {
        /** 2·MACs per second, in GFLOP/s (0 when the method has no MACs). */
        public double gflops() {
            return macs == 0 ? 0 : 2.0 * macs / (micros * 1e3);
        }
    }

    /**
     * Times the layer methods of {@code model} (an instance of a generated class that has run
     * forward once); {@code zeroSkipping} names the layers whose kernel skips zero inputs
     * ({@code JavaGenerator.zeroSkippingLayers}).
     */
    public static List<Row> time(Object model, NetworkSummary summary, Stopwatch watch, Set<String> zeroSkipping) {
        List<Row> rows = new ArrayList<>();
        for (Method m : model.getClass().getDeclaredMethods()) {
            // layer_L(int count): one sample (slot 0); the normalize step takes the caller's array and is skipped
            if (!m.getName().startsWith("layer_") || m.getParameterCount() != 1
                    || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            // a chunk-native kernel's one-sample twin (L_one(), what the one-sample forward calls) is timed instead
            Method timed = oneSampleTwin(model.getClass(), m.getName()).orElse(m);
            timed.setAccessible(true);
            NetworkSummary.Row layer = layerOf(m.getName(), summary);
            double ns = watch.medianNanos(() -> invoke(timed, model));
            rows.add(new Row(m.getName(), layer == null ? "?" : layer.name(), ns / 1e3, 0L, false));
        }
        rows.sort(Comparator.comparingInt((Row r) -> index(r.layer(), summary)).thenComparing(Row::method,
                LayerTimer::methodOrder));
        return attributeMacs(rows, summary, zeroSkipping);
    }

    /** The layer's MACs go to its slowest method (the kernel; the others copy padding). */
    private static List<Row> attributeMacs(List<Row> rows, NetworkSummary summary, Set<String> zeroSkipping) {
        List<Row> result = new ArrayList<>();
        for (Row r : rows) {
            long macs = 0;
            Row slowest = rows.stream().filter(o -> o.layer().equals(r.layer()))
                    .max(Comparator.comparingDouble(Row::micros)).orElseThrow();
            if (slowest == r) {
                macs = summary.rows().stream().filter(s -> s.name().equals(r.layer())).mapToLong(
                        NetworkSummary.Row::macs).sum();
            }
            result.add(new Row(r.method(), r.layer(), r.micros(), macs, macs > 0 && zeroSkipping.contains(r.layer())));
        }
        return result;
    }

    private static int methodOrder(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static int index(String layer, NetworkSummary summary) {
        for (NetworkSummary.Row r : summary.rows()) {
            if (r.name().equals(layer)) {
                return r.index();
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The layer whose sanitised name is the method name, or the method name without a {@code _k} suffix. */
    static NetworkSummary.Row layerOf(String method, NetworkSummary summary) {
        String stem = method.replaceFirst("_[0-9]+$", "");
        NetworkSummary.Row byStem = null;
        for (NetworkSummary.Row r : summary.rows()) {
            String name = "layer_" + r.name().replaceAll("[^A-Za-z0-9_]", "_");
            if (name.equals(method)) {
                return r;
            }
            if (name.equals(stem)) {
                byStem = r;
            }
        }
        return byStem;
    }

    private static Optional<Method> oneSampleTwin(Class<?> type, String name) {
        try {
            return Optional.of(type.getDeclaredMethod(name + "_one"));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static void invoke(Method m, Object model) {
        try {
            if (m.getParameterCount() == 0) {
                m.invoke(model);
                return;
            }
            m.invoke(model, 1);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot time " + m.getName(), e);
        }
    }

    /** The rows as a text table; a zero-skipping kernel's rates are marked {@code *} and explained below. */
    public static String table(List<Row> rows, double peakGflops) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-24s %-12s %10s %12s %9s %7s%n",
                "method", "layer", "median_us", "MACs", "GFLOP/s", "%peak"));
        for (Row r : rows) {
            String mark = r.skipsZeros() ? "*" : "";
            b.append(String.format(Locale.ROOT, "%-24s %-12s %10.1f %12d %9s %7s%n", r.method(), r.layer(),
                    r.micros(), r.macs(), r.macs() == 0 ? "" : String.format(Locale.ROOT, "%.1f", r.gflops()) + mark,
                    r.macs() == 0 ? "" : String.format(Locale.ROOT, "%.1f", 100 * r.gflops() / peakGflops) + mark));
        }
        if (rows.stream().anyMatch(Row::skipsZeros)) {
            b.append(String.format("* skips zero inputs: the layer's dense MACs over its time, an effective rate"
                    + " that depends on the data (here random inputs and weights)%n"));
        }
        return b.toString();
    }
}
