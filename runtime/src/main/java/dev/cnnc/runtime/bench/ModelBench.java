package dev.cnnc.runtime.bench;

import dev.cnnc.runtime.NetworkSummary;
import dev.cnnc.runtime.compile.CompiledModel;
import dev.cnnc.runtime.compile.ModelClass;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Measures one compiled model: batch-1 latency, batch throughput (one thread and
 * {@code threads}), allocation per call and, on request, each layer method. Inputs are uniform
 * in [0, 1) from a fixed seed (the values do not change the work: the kernels have no
 * data-dependent branches besides max and ReLU).
 */
public final class ModelBench {
    /** Per-core peak of this class of machine: a 512-bit FMA loop (2 units × 16 lanes × 2 FLOP × clock). */
    public static final double DEFAULT_PEAK_GFLOPS = 177;

    private final ModelClass type;
    private final CompiledModel model;
    private final float[] params;
    private final NetworkSummary summary;
    private final Stopwatch watch;
    private final Set<String> zeroSkipping;

    /** {@code zeroSkipping}: the layers whose kernel skips zero inputs ({@code JavaGenerator.zeroSkippingLayers}). */
    public ModelBench(ModelClass type, float[] params, NetworkSummary summary, Stopwatch watch,
            Set<String> zeroSkipping) {
        this.type = type;
        this.zeroSkipping = Set.copyOf(zeroSkipping);
        this.params = params;
        this.model = type.instantiate(params);
        this.summary = summary;
        this.watch = watch;
    }

    /** What to measure. */
    public record Plan(int batch, int threads, boolean perLayer) {
        public Plan {
            if (batch < 1 || threads < 1) {
                throw new IllegalArgumentException("batch and threads must be positive: " + batch + ", " + threads);
            }
        }
    }

    /** Runs the measurements; load times and the training result come from the caller. */
    public BenchResult run(Plan plan, double loadColdMs, double loadCachedMs, TrainBench.Result training,
            String trainNote) {
        float[] x1 = inputs(1);
        float[] y1 = new float[model.outputSize()];
        double latency = watch.medianNanos(() -> model.forward(x1, y1)) / 1e3;
        double alloc1 = BenchResult.orNaN(Allocation.perCall(() -> model.forward(x1, y1), 1000));
        float[] xb = inputs(plan.batch());
        float[] yb = new float[plan.batch() * model.outputSize()];
        double perBatch1 = watch.medianNanos(() -> model.forward(xb, yb, plan.batch()));
        double allocB = BenchResult.orNaN(Allocation.perCall(() -> model.forward(xb, yb, plan.batch()), 20));
        double images1 = plan.batch() / (perBatch1 / 1e9);
        double images = images1;
        if (plan.threads() > 1) {
            try (ParallelForward parallel = new ParallelForward(model.newInstance(), plan.threads())) {
                images = plan.batch() / (watch.medianNanos(() -> parallel.forward(xb, yb, plan.batch())) / 1e9);
            }
        }
        List<LayerTimer.Row> layers = plan.perLayer()
                ? LayerTimer.time(rawInstance(x1), summary, watch.scaled(0.3), zeroSkipping) : List.of();
        return new BenchResult(summary.name(), plan.batch(), plan.threads(), latency, images,
                plan.threads() > 1 ? images1 : Double.NaN, training.samplesPerS(), trainNote, alloc1, allocB,
                training.allocPerStep(), loadColdMs, loadCachedMs, summary.totalMacs(), layers, type.usesVectorApi());
    }

    /** A bare instance of the generated class after one forward (its buffers hold real activations). */
    private Object rawInstance(float[] x) {
        try {
            Object raw = type.type().getConstructor(float[].class).newInstance((Object) params);
            type.type().getMethod("forward", float[].class, float[].class).invoke(raw, x,
                    new float[model.outputSize()]);
            return raw;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + type.type().getName(), e);
        }
    }

    private float[] inputs(int batch) {
        SplittableRandom r = new SplittableRandom(42);
        float[] x = new float[batch * model.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }

    /**
     * He-normal weights ({@code std = sqrt(2 / fan_in)}, fan_in = product of all dims but the
     * first), zero biases; 1-D {@code .weight} (batchnorm scale) and {@code running_var} are 1.
     */
    public static float[] heInit(List<dev.cnnc.compiler.ir.ParamTensor> tensors, int count, long seed) {
        float[] p = new float[count];
        java.util.Random r = new java.util.Random(seed);
        for (dev.cnnc.compiler.ir.ParamTensor t : tensors) {
            List<Integer> shape = t.shape();
            boolean weight = t.name().endsWith("weight");
            if (weight && shape.size() >= 2) {
                int fanIn = 1;
                for (int d = 1; d < shape.size(); d++) {
                    fanIn *= shape.get(d);
                }
                double std = Math.sqrt(2.0 / fanIn);
                for (int i = t.offset(); i < t.end(); i++) {
                    p[i] = (float) (std * r.nextGaussian());
                }
            } else if (weight || t.name().endsWith("running_var")) {
                java.util.Arrays.fill(p, t.offset(), t.end(), 1f);
            }
        }
        return p;
    }
}
