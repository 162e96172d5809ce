package dev.cnnc.runtime.predict;

import dev.cnnc.compiler.shape.Shape;
import dev.cnnc.runtime.compile.CompiledModel;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread-safe front for a {@link CompiledModel}, for servers: any number of threads may call
 * {@link #predict} at once.
 *
 * <p>A compiled model instance owns preallocated buffers, so two threads must never run the
 * same instance. The predictor keeps a pool of instances made with
 * {@link CompiledModel#newInstance()} (same parameters, own buffers): a call takes an idle
 * instance (or makes one when none is idle), runs it, and puts it back. So the pool grows to
 * the largest number of calls that ever ran at once (about the number of threads), each
 * instance is used by one thread at a time, and results are bit-identical to one sequential
 * instance: the generated code is deterministic and shares only the read-only parameters.
 * No lock is held while a model runs.
 */
public final class Predictor {
    private final CompiledModel prototype;
    private final ConcurrentLinkedDeque<CompiledModel> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger created = new AtomicInteger(1);

    /**
     * Takes {@code model} over: from now on only the predictor may run it (it becomes the
     * first pooled instance and the template of the others).
     */
    public Predictor(CompiledModel model) {
        this.prototype = model;
        idle.push(model);
    }

    /** One sample: returns the {@link #outputSize()} output floats for {@link #inputSize()} input floats. */
    public float[] predict(float[] input) {
        float[] output = new float[prototype.outputSize()];
        predict(input, output, 1);
        return output;
    }

    /**
     * {@code batch} samples stored one after another in {@code input}; writes their outputs
     * one after another into {@code output}.
     *
     * @throws IllegalArgumentException when batch is not positive or an array is too short
     */
    public void predict(float[] input, float[] output, int batch) {
        CompiledModel model = acquire();
        try {
            if (batch == 1) {
                model.forward(input, output);
            } else {
                model.forward(input, output, batch);
            }
        } finally {
            idle.push(model);
        }
    }

    private CompiledModel acquire() {
        CompiledModel model = idle.poll();
        if (model != null) {
            return model;
        }
        created.incrementAndGet();
        synchronized (prototype) {
            // newInstance only reads the prototype's parameters; the lock keeps it simple for
            // model classes that might do more
            return prototype.newInstance();
        }
    }

    /** How many model instances exist (the pool's high-water mark): at least 1. */
    public int instances() {
        return created.get();
    }

    /** Floats in one sample's input. */
    public int inputSize() {
        return prototype.inputSize();
    }

    /** Floats in one sample's output. */
    public int outputSize() {
        return prototype.outputSize();
    }

    /** One sample's input shape. */
    public Shape inputShape() {
        return prototype.inputShape();
    }

    /** One sample's output shape. */
    public Shape outputShape() {
        return prototype.outputShape();
    }

    /** The class labels; empty when the spec has none. */
    public List<String> labels() {
        return prototype.labels();
    }
}
