package dev.cnnc.runtime.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One golden case: an op with its parameters, named tensors and tolerance.
 *
 * <p>Tensors are read from their {@code .bin} files on first use and cached. A file whose length
 * is not {@code 4 × prod(shape)} fails with an {@link IllegalStateException} naming it.
 */
public final class GoldenCase {
    /** Where a tensor lives and what it is, before its data is read. */
    public record TensorRef(String name, Path file, int[] shape, Role role) {
        /** Returns a copy of the shape. */
        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    private final String name;
    private final String op;
    private final GoldenParams params;
    private final Map<String, TensorRef> tensors;
    private final Tolerance tolerance;
    private final boolean ownTolerance;
    private final Map<String, GoldenTensor> loaded = new ConcurrentHashMap<>();

    GoldenCase(String name, String op, GoldenParams params, Map<String, TensorRef> tensors,
            Tolerance tolerance, boolean ownTolerance) {
        this.name = name;
        this.op = op;
        this.params = params;
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.tolerance = tolerance;
        this.ownTolerance = ownTolerance;
    }

    /** Returns the case name, e.g. {@code conv2d_k3_s2_p1}. */
    public String name() {
        return name;
    }

    /** Returns the op, e.g. {@code conv2d}, {@code max_pool2d}, {@code network}, {@code adam}. */
    public String op() {
        return op;
    }

    /** Returns the parameters. */
    public GoldenParams params() {
        return params;
    }

    /** Returns the tolerance to use: the case's own if it has one, else the global one. */
    public Tolerance tolerance() {
        return tolerance;
    }

    /** Returns true when the case overrides the global tolerance (the optimizer cases). */
    public boolean hasOwnTolerance() {
        return ownTolerance;
    }

    /** Returns the tensor names in manifest order. */
    public List<String> tensorNames() {
        return List.copyOf(tensors.keySet());
    }

    /** Returns the names of the tensors with the given role, in manifest order. */
    public List<String> tensorNames(Role role) {
        List<String> out = new ArrayList<>();
        tensors.forEach((k, v) -> {
            if (v.role() == role) {
                out.add(k);
            }
        });
        return out;
    }

    /** Returns true when the case has a tensor of this name. */
    public boolean hasTensor(String tensor) {
        return tensors.containsKey(tensor);
    }

    /** Returns where a tensor lives, without reading it. */
    public TensorRef ref(String tensor) {
        TensorRef r = tensors.get(tensor);
        if (r == null) {
            throw new IllegalArgumentException(name + ": no tensor '" + tensor + "'; have " + tensors.keySet());
        }
        return r;
    }

    /** Returns the named tensor, reading it on first use. */
    public GoldenTensor tensor(String tensor) {
        TensorRef r = ref(tensor);
        return loaded.computeIfAbsent(tensor, k -> read(r));
    }

    private GoldenTensor read(TensorRef r) {
        try {
            byte[] bytes = Files.readAllBytes(r.file());
            long n = 1;
            for (int d : r.shape()) {
                n *= d;
            }
            if (bytes.length != 4 * n) {
                throw new IllegalStateException(r.file() + ": " + bytes.length + " bytes, but shape "
                        + java.util.Arrays.toString(r.shape()) + " needs 4 x " + n + " = " + 4 * n);
            }
            float[] data = new float[(int) n];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            return new GoldenTensor(r.name(), r.role(), r.shape(), data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden tensor " + r.file(), e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + op + ")";
    }
}
