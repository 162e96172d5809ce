package dev.cnnc.runtime.compile;

import dev.cnnc.compiler.ir.ParamTensor;
import dev.cnnc.runtime.safetensors.SafetensorsException;
import dev.cnnc.runtime.safetensors.Tensor;
import dev.cnnc.runtime.safetensors.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between named weight tensors (a safetensors file, PyTorch's {@code state_dict()})
 * and a model's flat parameter array, laid out by its {@link ParamTensor}s.
 */
public final class ParamWeights {
    private ParamWeights() {
    }

    /** Tensor name to shape, in flat-array order, as {@link Tensors#requireMatch} wants it. */
    public static Map<String, int[]> expectedShapes(List<ParamTensor> params) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (ParamTensor p : params) {
            shapes.put(p.name(), p.shape().stream().mapToInt(Integer::intValue).toArray());
        }
        return shapes;
    }

    /**
     * The flat parameter array holding {@code tensors}.
     *
     * @param file the file the tensors came from, for the message
     * @throws SafetensorsException listing every missing, unexpected or wrongly shaped tensor
     *                              with the shape found and the shape the model expects
     */
    public static float[] flatten(String file, Tensors tensors, List<ParamTensor> params)
            throws SafetensorsException {
        tensors.requireMatch(file, expectedShapes(params));
        int total = params.stream().mapToInt(p -> p.offset() + p.size()).max().orElse(0);
        float[] flat = new float[total];
        for (ParamTensor p : params) {
            float[] values = tensors.get(p.name()).values();
            System.arraycopy(values, 0, flat, p.offset(), p.size());
        }
        return flat;
    }

    /** The named tensors of a flat parameter array (copies), in flat-array order. */
    public static Tensors unflatten(float[] flat, List<ParamTensor> params) {
        Tensors.Builder b = Tensors.builder();
        for (ParamTensor p : params) {
            float[] values = new float[p.size()];
            System.arraycopy(flat, p.offset(), values, 0, p.size());
            b.put(p.name(), new Tensor(p.shape().stream().mapToInt(Integer::intValue).toArray(), values));
        }
        return b.build();
    }
}
