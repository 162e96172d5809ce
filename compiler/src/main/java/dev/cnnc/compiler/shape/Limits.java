package dev.cnnc.compiler.shape;

/**
 * The documented ceilings of a network, and exact arithmetic that refuses to wrap around.
 *
 * <p>Why these numbers: the generated code holds every tensor in a Java {@code float[]}, whose
 * length is an {@code int}; above 2^31 - 1 elements a tensor cannot exist at all (OVERFLOW).
 * Below that, 2^28 elements (1 GiB of float32) per activation tensor and 2^28 trainable
 * parameters in the whole network (1 GiB of weights, 3 GiB with Adam's two moments) are the
 * sizes cnnc promises to handle (TOO_LARGE above them).
 */
public final class Limits {
    /** The largest number of elements of one activation tensor of one sample: 2^28. */
    public static final long MAX_TENSOR_ELEMENTS = 1L << 28;
    /** The largest number of trainable parameters of the whole network: 2^28. */
    public static final long MAX_PARAMS = 1L << 28;
    /** Elements a Java array can index; anything larger is an OVERFLOW, not just TOO_LARGE. */
    public static final long MAX_REPRESENTABLE = Integer.MAX_VALUE;

    private Limits() {
    }

    /**
     * The product of {@code factors}, or -1 when it exceeds {@link Long#MAX_VALUE} or a
     * factor is negative (an earlier overflow).
     */
    public static long product(long... factors) {
        long p = 1;
        try {
            for (long f : factors) {
                if (f < 0) {
                    return -1;
                }
                p = Math.multiplyExact(p, f);
            }
        } catch (ArithmeticException e) {
            return -1;
        }
        return p;
    }

    /** The sum of terms, or -1 when it exceeds {@link Long#MAX_VALUE} or a term is negative. */
    public static long sum(long... terms) {
        long s = 0;
        try {
            for (long t : terms) {
                if (t < 0) {
                    return -1;
                }
                s = Math.addExact(s, t);
            }
        } catch (ArithmeticException e) {
            return -1;
        }
        return s;
    }

    /** The element count of a shape given as dims, or -1 on long overflow. */
    public static long elements(java.util.List<Integer> dims) {
        return product(dims.stream().mapToLong(Integer::longValue).toArray());
    }

    /** 2^28 as people read it, for messages. */
    static String describe(long limit) {
        return String.format("%,d (2^%d)", limit, 63 - Long.numberOfLeadingZeros(limit));
    }
}
