package dev.cnnc.runtime.predict;

import dev.cnnc.compiler.shape.Shape;
import dev.cnnc.runtime.InvalidFileException;
import dev.cnnc.runtime.compile.CompiledModel;
import dev.cnnc.runtime.safetensors.Tensor;
import dev.cnnc.runtime.safetensors.Tensors;
import java.util.Arrays;

/**
 * {@code predict --input X --output Y}: runs the model on the tensor {@code input}
 * [N, ...input shape] and returns the tensor {@code output} [N, ...output shape] (contract §2).
 */
public final class BatchPrediction {
    /** The name of the input tensor in {@code --input}. */
    public static final String INPUT = "input";
    /** The name of the output tensor in {@code --output}. */
    public static final String OUTPUT = "output";
    /** Samples per forward call. */
    private static final int CHUNK = 64;

    private BatchPrediction() {
    }

    /**
     * Runs {@code model} on every sample of {@code tensors}' {@code input}.
     *
     * @param file the input file's name, for messages
     * @throws InvalidFileException when there is no tensor {@code input} or its shape does not
     *                              fit the model
     */
    public static Tensors run(CompiledModel model, String file, Tensors tensors) throws InvalidFileException {
        Tensor input = tensors.find(INPUT).orElseThrow(() -> new InvalidFileException(file,
                "no tensor named '" + INPUT + "' (the file has " + tensors.names()
                        + "); predict reads the tensor 'input' of shape [N, "
                        + dims(model.inputShape()) + "]"));
        int[] shape = input.shape();
        int[] expected = withBatch(shape.length > 0 ? shape[0] : 0, model.inputShape());
        if (shape.length != expected.length || shape[0] < 1
                || !Arrays.equals(shape, 1, shape.length, expected, 1, expected.length)) {
            throw new InvalidFileException(file, "tensor '" + INPUT + "' has shape " + Tensor.shapeString(shape)
                    + ", the model expects [N, " + dims(model.inputShape()) + "] with N ≥ 1 samples");
        }
        int n = shape[0];
        float[] out = new float[Math.multiplyExact(n, model.outputSize())];
        float[] in = input.values();
        float[] chunkIn = new float[CHUNK * model.inputSize()];
        float[] chunkOut = new float[CHUNK * model.outputSize()];
        for (int start = 0; start < n; start += CHUNK) {
            int count = Math.min(CHUNK, n - start);
            System.arraycopy(in, start * model.inputSize(), chunkIn, 0, count * model.inputSize());
            model.forward(chunkIn, chunkOut, count);
            System.arraycopy(chunkOut, 0, out, start * model.outputSize(), count * model.outputSize());
        }
        return Tensors.builder().put(OUTPUT, withBatch(n, model.outputShape()), out).build();
    }

    private static int[] withBatch(int n, Shape shape) {
        int[] dims = new int[shape.rank() + 1];
        dims[0] = n;
        for (int i = 0; i < shape.rank(); i++) {
            dims[i + 1] = shape.dims().get(i);
        }
        return dims;
    }

    private static String dims(Shape shape) {
        String s = shape.toString();
        return s.substring(1, s.length() - 1);
    }
}
