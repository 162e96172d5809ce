package dev.cnnc.runtime.safetensors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered set of named float32 tensors plus string metadata: the contents of a safetensors
 * file, or the weights of a model about to be written.
 *
 * <p>Names follow PyTorch's {@code state_dict()} ({@code c1.weight}, {@code c1.bias}, ...,
 * contract §1.4). Order is insertion order; the writer sorts by name. Immutable.
 */
public final class Tensors {
    /** The header key reserved for metadata; no tensor may have this name. */
    public static final String METADATA_KEY = "__metadata__";

    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    private Tensors(Map<String, Tensor> tensors, Map<String, String> metadata) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Returns the tensors of {@code map} in its iteration order, with no metadata. */
    public static Tensors of(Map<String, Tensor> map) {
        Builder b = builder();
        map.forEach(b::put);
        return b.build();
    }

    /** Returns an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the tensor names in order. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    /** Returns the number of tensors. */
    public int size() {
        return tensors.size();
    }

    /** Returns true when a tensor has this name. */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** Returns the named tensor, if present. */
    public Optional<Tensor> find(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /**
     * Returns the named tensor.
     *
     * @throws NoSuchElementException naming the tensor and the names present
     */
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new NoSuchElementException("no tensor '" + name + "'; have " + tensors.keySet());
        }
        return t;
    }

    /** Returns the tensors as an unmodifiable ordered map. */
    public Map<String, Tensor> asMap() {
        return tensors;
    }

    /** Returns the {@code __metadata__} entries (unmodifiable, possibly empty). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Compares these tensors with what a model expects and lists every difference.
     *
     * @see ShapeCheck#problems(Tensors, Map)
     */
    public List<String> mismatches(Map<String, int[]> expected) {
        return ShapeCheck.problems(this, expected);
    }

    /**
     * Checks these tensors (read from {@code file}) against what a model expects.
     *
     * @param file the file name for the message
     * @param expected tensor name to shape, in the model's order
     * @throws SafetensorsException listing every missing, unexpected or wrongly shaped tensor
     */
    public void requireMatch(String file, Map<String, int[]> expected) throws SafetensorsException {
        List<String> problems = mismatches(expected);
        if (!problems.isEmpty()) {
            throw new SafetensorsException(file, problems);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensors t && tensors.equals(t.tensors) && metadata.equals(t.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tensors, metadata);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        tensors.forEach((k, v) -> parts.add(k + Tensor.shapeString(v.shape())));
        return "Tensors" + parts;
    }

    /** Collects tensors and metadata; names must be unique. */
    public static final class Builder {
        private final Map<String, Tensor> tensors = new LinkedHashMap<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a tensor.
         *
         * @throws IllegalArgumentException for a duplicate, empty or reserved name
         */
        public Builder put(String name, Tensor tensor) {
            Objects.requireNonNull(tensor, "tensor");
            if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("invalid tensor name '" + name + "'");
            }
            if (tensors.putIfAbsent(name, tensor) != null) {
                throw new IllegalArgumentException("duplicate tensor name '" + name + "'");
            }
            return this;
        }

        /** Adds a tensor of the given shape; the tensor takes ownership of {@code values}. */
        public Builder put(String name, int[] shape, float[] values) {
            return put(name, new Tensor(shape, values));
        }

        /** Adds a metadata entry (replacing an earlier value of the same key). */
        public Builder metadata(String key, String value) {
            metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Returns the tensors added so far. */
        public Tensors build() {
            return new Tensors(tensors, metadata);
        }
    }
}
