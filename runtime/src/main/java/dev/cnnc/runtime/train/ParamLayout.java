package dev.cnnc.runtime.train;

import dev.cnnc.runtime.safetensors.SafetensorsException;
import dev.cnnc.runtime.safetensors.Tensor;
import dev.cnnc.runtime.safetensors.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of the flat parameter array: the tensors in {@code state_dict()} order, packed
 * back to back from offset 0.
 *
 * <p>The gradient array has the same layout. Conversion to and from {@link Tensors} gives the
 * safetensors files of contract §1.4.
 */
public final class ParamLayout {
    private final List<ParamTensor> tensors;
    private final int size;

    /**
     * Creates a layout and checks it: names unique, each tensor starting where the previous ends.
     *
     * @throws IllegalArgumentException when the tensors are not packed in order
     */
    public ParamLayout(List<ParamTensor> tensors) {
        this.tensors = List.copyOf(tensors);
        int next = 0;
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ParamTensor t : this.tensors) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("duplicate parameter tensor " + t.name());
            }
            if (t.offset() != next) {
                throw new IllegalArgumentException("parameter " + t.name() + " starts at offset " + t.offset()
                        + ", expected " + next + " (tensors must be packed in order)");
            }
            next = t.end();
        }
        this.size = next;
    }

    /** Returns a layout packing the given tensors in order (offsets computed). */
    public static ParamLayout packed(List<Entry> entries) {
        List<ParamTensor> out = new ArrayList<>();
        int offset = 0;
        for (Entry e : entries) {
            ParamTensor t = new ParamTensor(e.name(), e.shape(), offset, e.kind());
            out.add(t);
            offset = t.end();
        }
        return new ParamLayout(out);
    }

    /** A tensor before its offset is known, for {@link #packed}. */
    public record Entry(String name, int[] shape, ParamTensor.Kind kind) {
    }

    /** Returns the tensors in order. */
    public List<ParamTensor> tensors() {
        return tensors;
    }

    /** Returns the tensors the optimizer updates (everything but batchnorm running statistics). */
    public List<ParamTensor> trainable() {
        return tensors.stream().filter(t -> t.kind().trainable()).toList();
    }

    /** Returns the length of the flat array. */
    public int size() {
        return size;
    }

    /** Returns the number of trainable values. */
    public long trainableCount() {
        return trainable().stream().mapToLong(ParamTensor::size).sum();
    }

    /** Returns the named tensor, if present. */
    public Optional<ParamTensor> find(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Returns the expected shape of every tensor, for {@link Tensors#requireMatch}. */
    public Map<String, int[]> shapes() {
        Map<String, int[]> out = new LinkedHashMap<>();
        tensors.forEach(t -> out.put(t.name(), t.shape()));
        return out;
    }

    /** Returns a copy of the values of {@code t} from the flat array. */
    public static float[] slice(float[] flat, ParamTensor t) {
        return Arrays.copyOfRange(flat, t.offset(), t.end());
    }

    /** Returns the flat array as named tensors (copies), in layout order. */
    public Tensors toTensors(float[] flat) {
        requireLength(flat);
        Tensors.Builder b = Tensors.builder();
        for (ParamTensor t : tensors) {
            b.put(t.name(), new Tensor(t.shape(), slice(flat, t)));
        }
        return b.build();
    }

    /**
     * Copies named tensors into a new flat array, checking names and shapes.
     *
     * @param file the file the tensors came from, for the message
     * @throws SafetensorsException listing every missing, unexpected or wrongly shaped tensor
     */
    public float[] fromTensors(String file, Tensors in) throws SafetensorsException {
        in.requireMatch(file, shapes());
        float[] flat = new float[size];
        for (ParamTensor t : tensors) {
            System.arraycopy(in.get(t.name()).values(), 0, flat, t.offset(), t.size());
        }
        return flat;
    }

    /** Fails fast when a flat array does not have this layout's length. */
    public void requireLength(float[] flat) {
        if (flat.length != size) {
            throw new IllegalArgumentException("flat parameter array has " + flat.length
                    + " values, the layout needs " + size);
        }
    }

    @Override
    public String toString() {
        return "ParamLayout" + tensors;
    }
}
