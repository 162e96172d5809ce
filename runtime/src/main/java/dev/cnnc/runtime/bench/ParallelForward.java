package dev.cnnc.runtime.bench;

import dev.cnnc.runtime.compile.CompiledModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a batch over {@code threads} threads: the batch is cut into contiguous slices, one per
 * thread, each with its own model instance (own buffers, so no sharing between threads except
 * the read-only parameters). Worker threads stay alive between calls and spin while they wait
 * for the next one (parking only after {@link #SPIN_NANOS} without work): a batch of the 1-D
 * example takes about 0.3 ms, and waking a parked thread costs tens of microseconds on this
 * kind of machine, which a barrier of locks paid twice per call (scaling 1.24-1.41x on two
 * threads).
 */
public final class ParallelForward implements AutoCloseable {
    /** How long an idle worker spins before it parks (benchmark calls follow each other closely). */
    static final long SPIN_NANOS = 2_000_000;
    private final List<CompiledModel> models = new ArrayList<>();
    private final int threads;
    /** Per-thread copies of the slice, reused while the batch size stays (written by their thread only). */
    private final float[][] inSlices;
    private final float[][] outSlices;
    /** Incremented by the caller to start a call; workers run a slice for each new value. */
    private volatile long generation;
    /** Workers still running the current call's slices. */
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Throwable failure;
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
        models.add(model);
        for (int t = 1; t < threads; t++) {
            models.add(model.newInstance());
            int slice = t;
            Thread w = new Thread(() -> work(slice), "cnnc-bench-" + t);
            w.setDaemon(true);
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
        pending.set(threads - 1);
        generation++; // the only writer: publishes the fields above to the workers
        slice(0);
        while (pending.get() != 0) {
            Thread.onSpinWait();
        }
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("a benchmark thread failed", f);
        }
    }

    private void work(int t) {
        long seen = 0;
        while (true) {
            long idleSince = System.nanoTime();
            long g;
            while ((g = generation) == seen) {
                if (closed) {
                    return;
                }
                if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(50_000);
                }
            }
            seen = g;
            try {
                slice(t);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            pending.decrementAndGet();
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

    /** Lets the workers end (they stop within 50 us of parking, or at once while spinning). */
    @Override
    public void close() {
        closed = true;
    }
}
