package dev.cnnc.runtime.safetensors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated header of a safetensors file: its tensors' types, shapes and byte ranges.
 *
 * @param entries the tensors in header order
 * @param metadata the {@code __metadata__} entries (possibly empty)
 * @param dataSize the size in bytes of the data region that follows the header
 */
public record Header(List<Entry> entries, Map<String, String> metadata, long dataSize) {
    /** Copies the lists. */
    public Header {
        entries = List.copyOf(entries);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * One tensor of the header.
     *
     * @param name the tensor name
     * @param dtype the element type
     * @param shape the dimensions
     * @param begin the first byte, relative to the start of the data region
     * @param end one past the last byte
     */
    public record Entry(String name, DType dtype, int[] shape, long begin, long end) {
        /** Copies the shape. */
        public Entry {
            shape = shape.clone();
        }

        /** Returns a copy of the shape. */
        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** Returns the number of elements, {@code prod(shape)}. */
        public int elementCount() {
            return (int) Tensor.elementCount(shape);
        }
    }
}
