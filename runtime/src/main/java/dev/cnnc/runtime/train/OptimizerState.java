package dev.cnnc.runtime.train;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The state of an optimizer: its type name, the number of steps taken and its flat buffers.
 *
 * <p>Buffer names follow PyTorch's state keys: SGD has {@code momentum_buffer} (absent until the
 * first step, and when momentum is 0); Adam has {@code exp_avg} and {@code exp_avg_sq}. Each buffer
 * has the layout of the parameter array (entries of non-trainable tensors stay 0).
 *
 * @param type {@code sgd} or {@code adam}
 * @param steps the number of steps taken
 * @param buffers the buffers by name (copied)
 */
public record OptimizerState(String type, long steps, Map<String, float[]> buffers) {
    /** Validates and deep-copies the buffers. */
    public OptimizerState {
        Objects.requireNonNull(type, "type");
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        Map<String, float[]> copy = new LinkedHashMap<>();
        buffers.forEach((k, v) -> copy.put(k, v.clone()));
        buffers = Collections.unmodifiableMap(copy);
    }

    /** Returns a copy of the named buffer, or null when absent. */
    public float[] buffer(String name) {
        float[] b = buffers.get(name);
        return b == null ? null : b.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OptimizerState s) || !s.type.equals(type) || s.steps != steps
                || !s.buffers.keySet().equals(buffers.keySet())) {
            return false;
        }
        return buffers.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), s.buffers.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, steps, buffers.keySet());
    }

    @Override
    public String toString() {
        return type + " after " + steps + " steps, buffers " + buffers.keySet();
    }
}
