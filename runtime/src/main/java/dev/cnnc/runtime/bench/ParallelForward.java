package dev.cnnc.runtime.bench;

import dev.cnnc.runtime.compile.CompiledModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * Runs a batch over {@code threads} threads: the batch is cut into contiguous slices, one per
 * thread, each with its own model instance (own buffers, so no sharing between threads except
 * the read-only parameters). Worker threads stay alive between calls and meet at barriers, so a
 * call costs two barrier waits, not thread starts.
 */
public final class ParallelForward implements AutoCloseable {
    private final List<CompiledModel> models = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final CyclicBarrier start;
    private final CyclicBarrier done;
    private final int threads;
    /** Per-thread copies of the slice, reused while the batch size stays (written by their thread only). */
    private final float[][] inSlices;
    private final float[][] outSlices;
    private volatile float[] input;
    private volatile float[] output;
    private volatile int batch;
    private volatile boolean closed;

    public ParallelForward(CompiledModel model, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        this.threads = threads;
        this.inSlices = new float[threads][];
        this.outSlices = new float[threads][];
        this.start = new CyclicBarrier(threads);
        this.done = new CyclicBarrier(threads);
        models.add(model);
        for (int t = 1; t < threads; t++) {
            models.add(model.newInstance());
            int slice = t;
            Thread w = new Thread(() -> work(slice), "cnnc-bench-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
    }

    /** {@code batch} samples of {@code in} into {@code out}, split over the threads. */
    public void forward(float[] in, float[] out, int n) {
        if (threads == 1) {
            models.get(0).forward(in, out, n);
            return;
        }
        input = in;
        output = out;
        batch = n;
        await(start);
        slice(0);
        await(done);
    }

    private void work(int t) {
        while (true) {
            await(start);
            if (closed) {
                return;
            }
            slice(t);
            await(done);
        }
    }

    private void slice(int t) {
        int n = batch;
        int from = (int) ((long) n * t / threads);
        int to = (int) ((long) n * (t + 1) / threads);
        if (to <= from) {
            return;
        }
        CompiledModel m = models.get(t);
        int ni = (to - from) * m.inputSize();
        int no = (to - from) * m.outputSize();
        if (inSlices[t] == null || inSlices[t].length != ni || outSlices[t].length != no) {
            inSlices[t] = new float[ni];
            outSlices[t] = new float[no];
        }
        System.arraycopy(input, from * m.inputSize(), inSlices[t], 0, ni);
        m.forward(inSlices[t], outSlices[t], to - from);
        System.arraycopy(outSlices[t], 0, output, from * m.outputSize(), no);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("a benchmark thread failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (threads > 1) {
            try {
                start.await(java.util.concurrent.TimeUnit.SECONDS.toNanos(1), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // workers gone already: nothing to release
            }
        }
    }
}
