package dev.cnnc.runtime.compile;

import dev.cnnc.compiler.ir.ParamTensor;
import dev.cnnc.compiler.shape.Shape;
import java.util.List;

/**
 * A generated model, compiled and instantiated, as the runtime uses it (predict, evaluate,
 * bench). An instance owns preallocated buffers, so it is not thread-safe: give each thread
 * its own from {@link #newInstance()}.
 */
public interface CompiledModel {
    /** The binary name of the generated class. */
    String className();

    /** One sample's input shape, without the batch axis. */
    Shape inputShape();

    /** One sample's output shape, without the batch axis. */
    Shape outputShape();

    /** Floats in one sample's input. */
    int inputSize();

    /** Floats in one sample's output. */
    int outputSize();

    /** Floats in the flat parameter array. */
    int paramCount();

    /** The parameter tensors in the order of the flat array, with PyTorch's names and shapes. */
    List<ParamTensor> paramTensors();

    /** Class labels (the spec's {@code classes}); empty when the spec has none. */
    List<String> labels();

    /** One sample: reads {@link #inputSize()} floats of {@code input}, writes {@link #outputSize()}. */
    void forward(float[] input, float[] output);

    /** {@code batch} samples stored one after another in {@code input} and {@code output}. */
    void forward(float[] input, float[] output, int batch);

    /** A new instance of the same class with the same parameters and its own buffers. */
    CompiledModel newInstance();
}
