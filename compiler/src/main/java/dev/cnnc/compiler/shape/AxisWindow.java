package dev.cnnc.compiler.shape;

/**
 * The resolved geometry of a sliding window (convolution or pooling) along one spatial axis:
 * {@code out = floor((in + padBefore + padAfter - dilation*(kernel-1) - 1) / stride) + 1}
 * (or rounded up in pooling's ceil mode). {@code same} padding is already resolved here.
 */
public record AxisWindow(int in, int kernel, int stride, int dilation, int padBefore, int padAfter, int out) {
    public AxisWindow {
        if (in <= 0 || kernel <= 0 || stride <= 0 || dilation <= 0 || padBefore < 0 || padAfter < 0 || out <= 0) {
            throw new IllegalArgumentException("invalid window: " + in + "," + kernel + "," + stride + ","
                    + dilation + "," + padBefore + "," + padAfter + "," + out);
        }
    }

    /** The span of the dilated kernel: dilation*(kernel-1)+1. */
    public int span() {
        return dilation * (kernel - 1) + 1;
    }
}
