package dev.cnnc.compiler.ir;

/**
 * The geometry of a sliding window along one spatial axis of an already padded buffer:
 * output position {@code o} reads input cells {@code o*stride + t*dilation} for taps
 * {@code t < kernel}. 1-D ops use a trivial second axis ({@link #TRIVIAL}).
 *
 * @param in       extent of the (padded) input along this axis
 * @param kernel   taps
 * @param out      output extent
 * @param realIn   extent of the unpadded input (for average pooling's divisor)
 * @param padBefore padding cells before the real input (for average pooling's divisor)
 * @param padAfter  declared padding after the real input (PyTorch clips the
 *                  count_include_pad divisor at {@code realIn + padAfter})
 */
public record Window(int in, int kernel, int stride, int dilation, int out,
                     int realIn, int padBefore, int padAfter) {
    /** The axis of a 1-D op that has no second spatial axis. */
    public static final Window TRIVIAL = new Window(1, 1, 1, 1, 1, 1, 0, 0);

    public Window {
        if (in <= 0 || kernel <= 0 || stride <= 0 || dilation <= 0 || out <= 0
                || (out - 1) * stride + dilation * (kernel - 1) >= in) {
            throw new IllegalArgumentException("window reads outside its input: in=" + in + " kernel=" + kernel
                    + " stride=" + stride + " dilation=" + dilation + " out=" + out);
        }
    }

    /**
     * Offset of tap (kh, kw) from the window's first cell in a row-major plane of this pair of
     * axes: {@code kh·dh·W_in + kw·dw}.
     */
    public static long tapOffset(Window h, Window w, int kh, int kw) {
        return (long) kh * h.dilation() * w.in() + (long) kw * w.dilation();
    }

    public boolean isTrivial() {
        return in == 1 && out == 1;
    }
}
