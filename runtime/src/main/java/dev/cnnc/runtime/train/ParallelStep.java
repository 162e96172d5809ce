package dev.cnnc.runtime.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Data-parallel forward and backward of one training batch over several model instances, with
 * a result that depends on the number of threads but never on their timing.
 *
 * <p>The batch of B samples is cut into T contiguous chunks, chunk t holding samples
 * {@code [t·B/T, (t+1)·B/T)}. Thread t runs its own model instance on its own copy of the
 * parameters and computes its chunk's mean loss {@code L_t} and gradient {@code g_t}. The batch's
 * mean loss and gradient are then reduced in chunk order t = 0, 1, …:
 * {@code L = Σ_t (n_t/B)·L_t}, {@code g = Σ_t (n_t/B)·g_t} (the mean over B = the weighted mean
 * of the chunk means). Batchnorm uses the statistics of its chunk (like PyTorch's
 * DistributedDataParallel without SyncBatchNorm), and its running statistics become the mean of
 * the chunks' updated values. Chunk t > 0 draws its dropout masks from
 * {@code Seeds.derive(batchSeed, "chunk", t)}; chunk 0 uses the batch seed itself.
 */
final class ParallelStep implements AutoCloseable {
    private final List<TrainableModel> models;
    private final ParamLayout layout;
    private final LossFunction loss;
    private final ExecutorService pool;
    private final float[][] params;
    private final float[][] grads;
    private final float[][] outputs;
    private final float[][] gradOutputs;
    private final float[][] inputs;
    private final int[][] labels;
    private final double[] losses;

    ParallelStep(List<TrainableModel> models, int maxBatch, LossFunction loss) {
        this.models = List.copyOf(models);
        this.layout = models.get(0).layout();
        this.loss = loss;
        int t = models.size();
        int chunk = (maxBatch + t - 1) / t;
        int in = models.get(0).inputSize();
        int out = models.get(0).outputSize();
        this.pool = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "cnnc-train");
            th.setDaemon(true);
            return th;
        });
        this.params = new float[t][layout.size()];
        this.grads = new float[t][layout.size()];
        this.outputs = new float[t][chunk * out];
        this.gradOutputs = new float[t][chunk * out];
        this.inputs = new float[t][chunk * in];
        this.labels = new int[t][chunk];
        this.losses = new double[t];
    }

    /**
     * Runs the batch; writes the batch's outputs (for accuracy) and mean gradient, updates the
     * running statistics in {@code master}, and returns the mean loss.
     */
    double run(float[] master, Batches.Batch b, long dropoutSeed, float[] batchOutputs, float[] batchGrads) {
        int t = models.size();
        int n = b.size();
        int in = models.get(0).inputSize();
        int classes = models.get(0).outputSize();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < t; c++) {
            int from = c * n / t;
            int to = (c + 1) * n / t;
            if (to > from) {
                int chunk = c;
                futures.add(pool.submit(() -> chunk(chunk, master, b, from, to, in, classes,
                        chunk == 0 ? dropoutSeed : Seeds.derive(dropoutSeed, "chunk", chunk))));
            }
        }
        await(futures);
        Arrays.fill(batchGrads, 0f);
        double sum = 0;
        int chunks = 0;
        for (int c = 0; c < t; c++) {
            int from = c * n / t;
            int to = (c + 1) * n / t;
            if (to == from) {
                continue;
            }
            float w = (float) (to - from) / n;
            sum += losses[c] * (to - from) / n;
            for (int i = 0; i < batchGrads.length; i++) {
                batchGrads[i] += w * grads[c][i];
            }
            System.arraycopy(outputs[c], 0, batchOutputs, from * classes, (to - from) * classes);
            chunks++;
        }
        averageRunningStats(master, chunks, n);
        return sum;
    }

    private void chunk(int c, float[] master, Batches.Batch b, int from, int to, int in, int classes, long seed) {
        int m = to - from;
        System.arraycopy(master, 0, params[c], 0, master.length);
        System.arraycopy(b.inputs(), from * in, inputs[c], 0, m * in);
        System.arraycopy(b.labels(), from, labels[c], 0, m);
        TrainableModel model = models.get(c);
        model.setDropoutSeed(seed);
        model.forward(params[c], inputs[c], m, outputs[c], true);
        losses[c] = loss.lossAndGradient(outputs[c], labels[c], m, classes, gradOutputs[c]);
        model.backward(params[c], gradOutputs[c], m, grads[c]);
    }

    /** Running statistics: the mean over the chunks that ran, in chunk order. */
    private void averageRunningStats(float[] master, int chunks, int n) {
        int t = models.size();
        for (ParamTensor p : layout.tensors()) {
            if (p.kind().trainable()) {
                continue;
            }
            for (int i = p.offset(); i < p.end(); i++) {
                float s = 0;
                for (int c = 0; c < t; c++) {
                    if ((c + 1) * n / t > c * n / t) {
                        s += params[c][i];
                    }
                }
                master[i] = s / chunks;
            }
        }
    }

    private static void await(List<Future<?>> futures) {
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
