package dev.cnnc.runtime.bench;

import dev.cnnc.runtime.train.LossFunction;
import dev.cnnc.runtime.train.Optimizer;
import dev.cnnc.runtime.train.TrainableModel;
import dev.cnnc.spec.model.OptimizerSpec;
import dev.cnnc.spec.model.TrainSpec;
import java.util.SplittableRandom;

/**
 * Training throughput of a generated model: one step is forward (training mode) + softmax
 * cross-entropy + backward + an SGD-with-momentum update, the step the PyTorch peer
 * benchmark times ({@code bench/peers_torch.py}). Random inputs in [0, 1) and random labels;
 * the kernels have no data-dependent branches besides max/ReLU, so values do not change speed.
 */
public final class TrainBench {
    /** SGD, momentum 0.9, as the peer; a small rate keeps random-data training finite. */
    private static final OptimizerSpec SGD_MOMENTUM = new OptimizerSpec(OptimizerSpec.Type.SGD, 1e-3, 0.9, 0, false,
            0.9, 0.999, 1e-8);

    private TrainBench() {
    }

    /**
     * What the training steps measured.
     *
     * @param samplesPerS  median samples per second of single steps
     * @param allocPerStep bytes the thread allocates per warm step (the fewest of {@link Allocation#WINDOWS}
     *                     windows), NaN where the JVM cannot tell
     */
    public record Result(double samplesPerS, double allocPerStep) {
    }

    /** Training steps per window of the allocation count. */
    static final int ALLOC_STEPS = 5;

    /**
     * Times single training steps at {@code batch} and counts what a warm step allocates. The
     * steps allocate nothing; the opt-in vector kernels allocate when C2 keeps some vector on
     * the heap instead of in a register (docs/performance.md, "Where the time goes"), so
     * megabytes per step flag a slow run.
     *
     * @param params the flat parameters in the model's layout; updated in place
     */
    public static Result measure(TrainableModel model, float[] params, int batch, Stopwatch watch) {
        int in = model.inputSize();
        int classes = model.outputSize();
        SplittableRandom random = new SplittableRandom(1);
        float[] inputs = new float[batch * in];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (float) random.nextDouble();
        }
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = random.nextInt(classes);
        }
        float[] outputs = new float[batch * classes];
        float[] gradOutputs = new float[batch * classes];
        float[] grads = new float[params.length];
        LossFunction loss = LossFunction.of(TrainSpec.Loss.CROSS_ENTROPY);
        Optimizer optimizer = Optimizer.create(SGD_MOMENTUM, model.layout());
        Runnable step = () -> {
            model.forward(params, inputs, batch, outputs, true);
            loss.lossAndGradient(outputs, labels, batch, classes, gradOutputs);
            model.backward(params, gradOutputs, batch, grads);
            optimizer.step(params, grads, SGD_MOMENTUM.lr());
        };
        double nanos = watch.medianNanos(step);
        return new Result(batch / (nanos / 1e9), BenchResult.orNaN(Allocation.perCall(step, ALLOC_STEPS)));
    }
}
