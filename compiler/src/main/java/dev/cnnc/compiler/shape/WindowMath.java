package dev.cnnc.compiler.shape;

/**
 * The sliding-window size formulas of convolution and pooling along one axis, in exact
 * {@code long} arithmetic (inputs are ints, so no intermediate here can overflow a long).
 */
public final class WindowMath {
    private WindowMath() {
    }

    /** The dilated kernel's extent: dilation*(kernel-1)+1. */
    public static long span(long kernel, long dilation) {
        return dilation * (kernel - 1) + 1;
    }

    /**
     * Total {@code same} padding (TensorFlow): out = ceil(in/stride), total =
     * max((out-1)*stride + span - in, 0).
     */
    public static long sameTotal(long in, long kernel, long stride, long dilation) {
        long out = ceilDiv(in, stride);
        return Math.max((out - 1) * stride + span(kernel, dilation) - in, 0);
    }

    /** The part of {@code same} padding before (top/left): total/2; the odd pixel goes after. */
    public static long sameBefore(long total) {
        return total / 2;
    }

    /**
     * Output size: floor((in + padBefore + padAfter - span) / stride) + 1; with
     * {@code ceilMode} (PyTorch pooling) rounded up instead, then one less when the last
     * window would start beyond the input and the before-padding (it is dropped).
     * Returns a value <= 0 when the dilated kernel does not fit the padded input.
     */
    public static long outputSize(long in, long kernel, long stride, long dilation, long padBefore, long padAfter,
                                  boolean ceilMode) {
        long room = in + padBefore + padAfter - span(kernel, dilation);
        if (room < 0) {
            return 0;
        }
        if (!ceilMode) {
            return room / stride + 1;
        }
        long out = ceilDiv(room, stride) + 1;
        if ((out - 1) * stride >= in + padBefore) {
            out--;
        }
        return out;
    }

    /**
     * Rows at the end of the padded input that no window reads (floor mode):
     * (in + pad - span) mod stride. Valid only when the kernel fits.
     */
    public static long unreadTail(long in, long kernel, long stride, long dilation, long padBefore, long padAfter) {
        return (in + padBefore + padAfter - span(kernel, dilation)) % stride;
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
