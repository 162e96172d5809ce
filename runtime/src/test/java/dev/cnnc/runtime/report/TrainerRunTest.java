package dev.cnnc.runtime.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.safetensors.SafetensorsReader;
import dev.cnnc.runtime.train.Checkpoint;
import dev.cnnc.runtime.train.EpochMetrics;
import dev.cnnc.runtime.train.Evaluator;
import dev.cnnc.runtime.train.LossFunction;
import dev.cnnc.runtime.train.ParamLayout;
import dev.cnnc.runtime.train.ParamTensor;
import dev.cnnc.runtime.train.ProgressListener;
import dev.cnnc.runtime.train.Samples;
import dev.cnnc.runtime.train.TrainableModel;
import dev.cnnc.runtime.train.Trainer;
import dev.cnnc.runtime.train.TrainingObserver;
import dev.cnnc.spec.model.LrSchedule;
import dev.cnnc.spec.model.OptimizerSpec;
import dev.cnnc.spec.model.TrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training loop and the run folder end to end, with a hand-written model standing in for the
 * generated one: a conv whose 4×4 kernel covers the whole 1×4×4 input (so it is a linear
 * classifier, and kernels.png has something to draw).
 */
class TrainerRunTest {
    static final int CLASSES = 3;
    static final int D = 16;

    @TempDir
    Path tmp;

    /** out[n,k] = b[k] + Σ_i w[k,i] x[n,i]; backward gw[k,i] = Σ_n g[n,k] x[n,i], gb[k] = Σ_n g[n,k]. */
    static final class FullKernelConv implements TrainableModel {
        final ParamLayout layout = ParamLayout.packed(List.of(
                new ParamLayout.Entry("c1.weight", new int[] {CLASSES, 1, 4, 4}, ParamTensor.Kind.WEIGHT),
                new ParamLayout.Entry("c1.bias", new int[] {CLASSES}, ParamTensor.Kind.BIAS)));
        float[] lastInputs;
        final List<Long> dropoutSeeds = new java.util.ArrayList<>();

        @Override
        public void setDropoutSeed(long seed) {
            dropoutSeeds.add(seed);
        }

        @Override
        public ParamLayout layout() {
            return layout;
        }

        @Override
        public int inputSize() {
            return D;
        }

        @Override
        public int outputSize() {
            return CLASSES;
        }

        @Override
        public void forward(float[] p, float[] x, int batch, float[] out, boolean training) {
            for (int n = 0; n < batch; n++) {
                for (int k = 0; k < CLASSES; k++) {
                    double s = p[CLASSES * D + k];
                    for (int i = 0; i < D; i++) {
                        s += p[k * D + i] * x[n * D + i];
                    }
                    out[n * CLASSES + k] = (float) s;
                }
            }
            lastInputs = x.clone();
        }

        @Override
        public void backward(float[] p, float[] g, int batch, float[] grads) {
            java.util.Arrays.fill(grads, 0f);
            for (int n = 0; n < batch; n++) {
                for (int k = 0; k < CLASSES; k++) {
                    float gk = g[n * CLASSES + k];
                    for (int i = 0; i < D; i++) {
                        grads[k * D + i] += gk * lastInputs[n * D + i];
                    }
                    grads[CLASSES * D + k] += gk;
                }
            }
        }
    }

    /** Class k lights up rows k of the 4×4 image; pixels in [0, 1]. */
    static Samples data(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * D];
        int[] y = new int[n];
        for (int s = 0; s < n; s++) {
            y[s] = s % CLASSES;
            for (int i = 0; i < D; i++) {
                float base = i / 4 == y[s] ? 0.7f : 0.2f;
                x[s * D + i] = Math.min(1f, Math.max(0f, base + 0.25f * (float) r.nextGaussian()));
            }
        }
        return Samples.of(x, y, D);
    }

    static TrainSpec spec(OptimizerSpec opt, int epochs, double split) {
        return new TrainSpec(TrainSpec.Loss.CROSS_ENTROPY, opt, 16, epochs, 7,
                new LrSchedule(LrSchedule.Type.COSINE, 1, 1, 0, 0), TrainSpec.Init.GLOROT, Optional.empty(), split);
    }

    static final OptimizerSpec ADAM = new OptimizerSpec(OptimizerSpec.Type.ADAM, 0.05, 0, 0, false, 0.9, 0.999, 1e-8);

    @Test
    void testModelGradientMatchesFiniteDifferences() {
        FullKernelConv m = new FullKernelConv();
        Samples s = data(4, 1);
        float[] x = new float[4 * D];
        int[] labels = new int[4];
        for (int i = 0; i < 4; i++) {
            s.copyInput(i, x, i * D);
            labels[i] = s.label(i);
        }
        float[] p = new float[m.layout().size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) Math.sin(i);
        }
        LossFunction ce = LossFunction.of(TrainSpec.Loss.CROSS_ENTROPY);
        float[] out = new float[4 * CLASSES];
        float[] g = new float[out.length];
        m.forward(p, x, 4, out, true);
        ce.lossAndGradient(out, labels, 4, CLASSES, g);
        float[] grads = new float[p.length];
        m.backward(p, g, 4, grads);
        for (int i = 0; i < p.length; i += 5) {
            float[] plus = p.clone();
            float[] minus = p.clone();
            plus[i] += 1e-2f;
            minus[i] -= 1e-2f;
            m.forward(plus, x, 4, out, false);
            double lp = ce.loss(out, labels, 4, CLASSES);
            m.forward(minus, x, 4, out, false);
            double lm = ce.loss(out, labels, 4, CLASSES);
            assertEquals((lp - lm) / (plus[i] - minus[i]), grads[i], 1e-3);
        }
    }

    @Test
    void learnsAndWritesEveryRunFile() throws Exception {
        FullKernelConv model = new FullKernelConv();
        RunDirectory dir = RunDirectory.open(tmp.resolve("out"), false);
        RunOutputs outputs = new RunOutputs(dir, model.layout(), w -> { throw new AssertionError(w); });
        Map<Integer, float[]> byEpoch = new HashMap<>();
        TrainingObserver capture = (c, best) -> {
            byEpoch.put(c.epochsDone(), c.params());
            outputs.epochCompleted(c, best);
        };
        Samples data = data(600, 11);
        Trainer.Result r = new Trainer(model, spec(ADAM, 5, 0.2), Map.of("spec_sha256", "x"))
                .train(data, ProgressListener.NONE, capture, null);
        assertEquals(Trainer.Status.COMPLETED, r.status());
        List<EpochMetrics> h = r.history();
        assertEquals(5, h.size());
        assertTrue(h.get(4).trainLoss() < h.get(0).trainLoss(), h.toString());
        assertTrue(h.get(4).valAccuracy().getAsDouble() > 0.9, h.toString());
        assertEquals(0.05, h.get(0).lr(), 1e-15, "cosine starts at lr0");
        assertEquals(0.05 * (1 + Math.cos(Math.PI * 4 / 5)) / 2, h.get(4).lr(), 1e-15);

        for (String f : List.of("metrics.csv", "curves.png", "last.safetensors", "weights.safetensors", "checkpoint")) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        assertEquals(MetricsCsv.render(h), Files.readString(dir.resolve("metrics.csv")));
        assertArrayEquals(r.params(), model.layout().fromTensors("last",
                SafetensorsReader.read(dir.resolve("last.safetensors"))));
        assertArrayEquals(byEpoch.get(r.bestEpoch()), model.layout().fromTensors("weights",
                SafetensorsReader.read(dir.resolve("weights.safetensors"))), "weights = best epoch on validation");

        ConfusionMatrix cm = new ConfusionMatrix(CLASSES);
        Evaluator.Result test = Evaluator.evaluate(model, r.params(), data(300, 99), range(300), 64,
                LossFunction.of(TrainSpec.Loss.CROSS_ENTROPY), cm::addBatch);
        assertEquals(test.correct(), cm.correct());
        outputs.finish(r.params(), cm, List.of("top", "upper", "lower"));
        assertTrue(Files.readString(dir.resolve("confusion.csv")).startsWith("actual\\predicted,top,upper,lower\n"));
        assertTrue(Files.exists(dir.resolve("kernels.png")));
    }

    @Test
    void aResumedRunEqualsTheUninterruptedOne() throws Exception {
        Samples data = data(300, 5);
        TrainSpec spec = spec(new OptimizerSpec(OptimizerSpec.Type.SGD, 0.1, 0.9, 1e-3, true, 0.9, 0.999, 1e-8), 4, 0.25);
        Trainer.Result straight = new Trainer(new FullKernelConv(), spec, Map.of())
                .train(data, ProgressListener.NONE, TrainingObserver.NONE, null);

        FullKernelConv model = new FullKernelConv();
        RunDirectory dir = RunDirectory.open(tmp.resolve("run"), false);
        RunOutputs outputs = new RunOutputs(dir, model.layout(), w -> { });
        Trainer first = new Trainer(model, spec, Map.of());
        Trainer.Result part = first.train(data, ProgressListener.NONE, (c, best) -> {
            outputs.epochCompleted(c, best);
            if (c.epochsDone() == 2) {
                first.requestStop();
            }
        }, null);
        assertEquals(Trainer.Status.INTERRUPTED, part.status());
        assertEquals(2, part.history().size());

        Checkpoint ckpt = new CheckpointStore(dir.checkpointDir()).load(model.layout());
        assertEquals(2, ckpt.epochsDone());
        assertEquals("4", ckpt.info().get("epochs"));
        FullKernelConv straightModel = new FullKernelConv();
        new Trainer(straightModel, spec, Map.of()).train(data, ProgressListener.NONE, TrainingObserver.NONE, null);
        int firstTwoEpochs = model.dropoutSeeds.size();
        model.dropoutSeeds.clear();
        Trainer.Result resumed = new Trainer(model, spec, Map.of())
                .train(data, ProgressListener.NONE, TrainingObserver.NONE, ckpt);
        assertEquals(Trainer.Status.COMPLETED, resumed.status());
        assertArrayEquals(straight.params(), resumed.params(), "bit-identical parameters");
        List<Long> all = straightModel.dropoutSeeds;
        assertEquals(all.subList(firstTwoEpochs, all.size()), model.dropoutSeeds, "same dropout seeds after resume");
        assertEquals(all.size(), new java.util.HashSet<>(all).size(), "a fresh seed per batch");
        for (int e = 0; e < 4; e++) {
            assertEquals(straight.history().get(e).trainLoss(), resumed.history().get(e).trainLoss(), "epoch " + e);
            assertEquals(straight.history().get(e).valLoss(), resumed.history().get(e).valLoss());
        }
    }

    @Test
    void divergenceIsReported() throws Exception {
        OptimizerSpec huge = new OptimizerSpec(OptimizerSpec.Type.SGD, 1e300, 0, 0, false, 0.9, 0.999, 1e-8);
        Trainer.Result r = new Trainer(new FullKernelConv(), spec(huge, 3, 0), Map.of())
                .train(data(100, 2), ProgressListener.NONE, TrainingObserver.NONE, null);
        assertEquals(Trainer.Status.DIVERGED, r.status());
    }

    private static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
