package dev.cnnc.runtime.safetensors;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The element types a safetensors header may name, with their sizes and a conversion to float.
 *
 * <p>cnnc computes in float32 and writes only {@link #F32}. Reading accepts the other floating
 * and integer types by converting each element to the nearest float, so that a PyTorch
 * {@code state_dict} with float16 weights or an int64 {@code num_batches_tracked} still loads.
 * The 8-bit float types are known (their sizes are checked) but not converted.
 */
public enum DType {
    /** IEEE 754 binary64. */
    F64(8),
    /** IEEE 754 binary32, the type cnnc computes and writes in. */
    F32(4),
    /** IEEE 754 binary16. */
    F16(2),
    /** bfloat16: the top 16 bits of a binary32. */
    BF16(2),
    /** Signed 64-bit integer. */
    I64(8),
    /** Signed 32-bit integer. */
    I32(4),
    /** Signed 16-bit integer. */
    I16(2),
    /** Signed 8-bit integer. */
    I8(1),
    /** Unsigned 64-bit integer. */
    U64(8),
    /** Unsigned 32-bit integer. */
    U32(4),
    /** Unsigned 16-bit integer. */
    U16(2),
    /** Unsigned 8-bit integer. */
    U8(1),
    /** Boolean, one byte, 0 or 1. */
    BOOL(1),
    /** 8-bit float, 4 exponent bits (not converted). */
    F8_E4M3(1),
    /** 8-bit float, 5 exponent bits (not converted). */
    F8_E5M2(1);

    private final int size;

    DType(int size) {
        this.size = size;
    }

    /** Returns the size of one element in bytes. */
    public int size() {
        return size;
    }

    /** Returns true when cnnc can convert elements of this type to float. */
    public boolean convertible() {
        return this != F8_E4M3 && this != F8_E5M2;
    }

    /** Returns the type spelled {@code name} in a header (case-sensitive, as the format is). */
    public static Optional<DType> byName(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Returns the list of known names for error messages. */
    static String knownNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /**
     * Reads {@code n} elements of this type from {@code src} (little-endian) into
     * {@code dst[off .. off + n)}.
     *
     * @throws IllegalStateException for the 8-bit float types (callers check {@link #convertible()})
     */
    void decode(ByteBuffer src, float[] dst, int off, int n) {
        if (this == F32) {
            src.asFloatBuffer().get(dst, off, n);
            src.position(src.position() + 4 * n);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[off + i] = decodeOne(src);
        }
    }

    private float decodeOne(ByteBuffer src) {
        switch (this) {
            case F64: return (float) src.getDouble();
            case F32: return src.getFloat();
            case F16: return halfToFloat(src.getShort());
            case BF16: return Float.intBitsToFloat((src.getShort() & 0xffff) << 16);
            case I64: return (float) src.getLong();
            case I32: return (float) src.getInt();
            case I16: return src.getShort();
            case I8: return src.get();
            case U64: return unsignedLongToFloat(src.getLong());
            case U32: return (float) (src.getInt() & 0xffffffffL);
            case U16: return src.getShort() & 0xffff;
            case U8: return src.get() & 0xff;
            case BOOL: return src.get() != 0 ? 1f : 0f;
            default: throw new IllegalStateException("dtype " + this + " is not convertible");
        }
    }

    private static float unsignedLongToFloat(long v) {
        return (float) ((double) (v >>> 1) * 2.0 + (v & 1L)); // v as unsigned, rounded
    }

    /**
     * Converts IEEE 754 binary16 bits to float (exact: every half value is a float).
     * Layout: 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits.
     */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1f;
        int frac = h & 0x3ff;
        if (exp == 0x1f) { // infinity or NaN: keep the payload
            return Float.intBitsToFloat(sign | 0x7f800000 | (frac << 13));
        }
        if (exp == 0) { // zero or subnormal: frac * 2^-24
            float v = frac * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (frac << 13));
    }
}
