package dev.cnnc.runtime.train;

import dev.cnnc.runtime.safetensors.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * One named tensor inside the flat parameter array: its {@code state_dict()} name, shape,
 * offset and kind.
 *
 * @param name the PyTorch name, e.g. {@code c1.weight} or {@code bn1.running_var}
 * @param shape the dimensions in PyTorch's layout (conv {@code [out, in/groups, kh, kw]}, dense
 *     {@code [out, in]})
 * @param offset the index of the first value in the flat array
 * @param kind what the tensor is, which decides its initial values and whether it is trained
 */
public record ParamTensor(String name, int[] shape, int offset, Kind kind) {
    /** What a parameter tensor is. */
    public enum Kind {
        /** A conv or dense weight: He or Glorot initialised, trained. */
        WEIGHT(true),
        /** A conv or dense bias: starts at 0, trained. */
        BIAS(true),
        /** A batchnorm scale (gamma): starts at 1, trained. */
        NORM_WEIGHT(true),
        /** A batchnorm shift (beta): starts at 0, trained. */
        NORM_BIAS(true),
        /** A batchnorm running mean: starts at 0, updated by forward, never by the optimizer. */
        RUNNING_MEAN(false),
        /** A batchnorm running variance: starts at 1, updated by forward, never by the optimizer. */
        RUNNING_VAR(false);

        private final boolean trainable;

        Kind(boolean trainable) {
            this.trainable = trainable;
        }

        /** Returns true for parameters (PyTorch's {@code parameters()}), false for buffers. */
        public boolean trainable() {
            return trainable;
        }
    }

    /** Validates name, shape and offset and copies the shape. */
    public ParamTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        shape = shape.clone();
        if (offset < 0) {
            throw new IllegalArgumentException(name + ": offset must be >= 0, got " + offset);
        }
        long n = Tensor.elementCount(shape);
        if (offset + n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": offset + size exceeds an int");
        }
    }

    /** Returns a copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Returns the number of values, {@code prod(shape)}. */
    public int size() {
        return (int) Tensor.elementCount(shape);
    }

    /** Returns the index just past the last value. */
    public int end() {
        return offset + size();
    }

    /** Returns the number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Returns dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamTensor p && p.name.equals(name) && Arrays.equals(p.shape, shape)
                && p.offset == offset && p.kind == kind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), offset, kind);
    }

    @Override
    public String toString() {
        return name + Tensor.shapeString(shape) + "@" + offset + " " + kind;
    }
}
