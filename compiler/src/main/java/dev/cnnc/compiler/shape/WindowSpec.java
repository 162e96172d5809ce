package dev.cnnc.compiler.shape;

import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import java.util.List;

/**
 * The window parameters of a convolution or pooling layer, as written, before they are
 * resolved against an input size.
 *
 * @param kernelKey the YAML key of the kernel ({@code kernel} for conv, {@code size} for pooling)
 * @param mode      how padded cells are filled; pooling uses {@code ZEROS} (no PyTorch limit)
 * @param pool      pooling: PyTorch's padding limit (at most half the window) applies
 */
record WindowSpec(String kernelKey, List<Integer> kernel, List<Integer> stride, List<Integer> dilation,
                  Padding padding, PaddingMode mode, boolean ceilMode, boolean pool) {
    int rank() {
        return kernel.size();
    }

    /** Padding before and after along {@code axis}, with {@code same} resolved against {@code in}. */
    long[] pads(int axis, long in) {
        if (padding instanceof Padding.Explicit e) {
            int i = Math.min(axis, e.rank() - 1);
            return new long[] {e.before().get(i), e.after().get(i)};
        }
        if (padding instanceof Padding.Same) {
            long total = WindowMath.sameTotal(in, kernel.get(axis), stride.get(axis), dilation.get(axis));
            long before = WindowMath.sameBefore(total);
            return new long[] {before, total - before};
        }
        return new long[] {0, 0};
    }

    /** A copy with other explicit padding, kernel or dilation, for "what if" hints. */
    WindowSpec with(Padding newPadding, List<Integer> newKernel, List<Integer> newDilation) {
        return new WindowSpec(kernelKey, newKernel, stride, newDilation, newPadding, mode, ceilMode, pool);
    }

    /** A copy in PyTorch's ceil mode. */
    WindowSpec withCeilMode() {
        return new WindowSpec(kernelKey, kernel, stride, dilation, padding, mode, true, pool);
    }

    /** The output sizes for spatial input {@code in}, or empty when a window does not fit. */
    java.util.Optional<List<Long>> outputs(List<Integer> in) {
        List<Long> out = new java.util.ArrayList<>();
        for (int a = 0; a < rank(); a++) {
            long[] p = pads(a, in.get(a));
            long o = WindowMath.outputSize(in.get(a), kernel.get(a), stride.get(a), dilation.get(a), p[0], p[1], ceilMode);
            if (o <= 0 || o > Integer.MAX_VALUE) {
                return java.util.Optional.empty();
            }
            out.add(o);
        }
        return java.util.Optional.of(out);
    }
}
