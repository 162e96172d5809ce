package dev.cnnc.compiler.shape;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.PaddingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the sliding windows of a convolution or pooling layer against its input, axis by
 * axis, and reports what does not fit: a kernel larger than the padded input, padding that
 * PyTorch refuses (reflect/circular padding not smaller than the input, pooling padding
 * above half the window), and input rows that no window reads (a warning).
 */
final class WindowRules {
    private final Reporter reporter;
    private final KernelHints hints;

    WindowRules(Reporter reporter, KernelHints hints) {
        this.reporter = reporter;
        this.hints = hints;
    }

    /**
     * The resolved windows, one per spatial axis, or empty after reporting an error.
     *
     * @param outChannels the channel count of the output, for the shapes shown in hints
     */
    Optional<List<AxisWindow>> resolve(Layer layer, Flow in, WindowSpec spec, int outChannels) {
        List<AxisWindow> windows = new ArrayList<>();
        for (int a = 0; a < spec.rank(); a++) {
            Optional<AxisWindow> w = resolveAxis(layer, in, spec, a, outChannels);
            if (w.isEmpty()) {
                return Optional.empty();
            }
            windows.add(w.get());
        }
        warnUnread(layer, in, spec, windows, outChannels);
        return Optional.of(windows);
    }

    private Optional<AxisWindow> resolveAxis(Layer layer, Flow in, WindowSpec spec, int a, int outChannels) {
        int size = in.shape().spatial(a);
        int k = spec.kernel().get(a);
        int s = spec.stride().get(a);
        int d = spec.dilation().get(a);
        long[] pad = spec.pads(a, size);
        if (!paddingAllowed(layer, in, spec, a, pad, outChannels)) {
            return Optional.empty();
        }
        long span = WindowMath.span(k, d);
        long padded = size + pad[0] + pad[1];
        if (span > padded) {
            reporter.error(layer, spec.kernelKey(), Code.KERNEL_TOO_LARGE,
                    ShapeMessages.kernelTooLarge(layer, in, spec, a, pad),
                    hints.forKernel(layer, in, spec, outChannels).toArray(String[]::new));
            return Optional.empty();
        }
        long out = WindowMath.outputSize(size, k, s, d, pad[0], pad[1], spec.ceilMode());
        if (out <= 0) {
            reporter.error(layer, spec.kernelKey(), Code.NON_POSITIVE_SIZE, layer.describe() + ": the output "
                    + ShapeMessages.axisName(spec.rank(), a) + " would be " + out + " for input " + in.describe());
            return Optional.empty();
        }
        if (out > Integer.MAX_VALUE || pad[0] > Integer.MAX_VALUE || pad[1] > Integer.MAX_VALUE) {
            reporter.error(layer, "padding", Code.OVERFLOW, layer.describe() + ": the output "
                    + ShapeMessages.axisName(spec.rank(), a) + " would be " + out + ", above "
                    + Limits.MAX_REPRESENTABLE + " (the largest Java array)", "use less padding");
            return Optional.empty();
        }
        return Optional.of(new AxisWindow(size, k, s, d, (int) pad[0], (int) pad[1], (int) out));
    }

    /** PyTorch's limits on padding: reflect &lt; input, circular &lt;= input, pooling &lt;= window/2. */
    private boolean paddingAllowed(Layer layer, Flow in, WindowSpec spec, int a, long[] pad, int outChannels) {
        int size = in.shape().spatial(a);
        long max = Math.max(pad[0], pad[1]);
        if (spec.pool() && max > spec.kernel().get(a) / 2) {
            reporter.error(layer, "padding", Code.PADDING_TOO_LARGE,
                    ShapeMessages.poolPadding(layer, in, spec, a, max),
                    hints.forPoolPadding(in, spec, outChannels).toArray(String[]::new));
            return false;
        }
        boolean reflect = spec.mode() == PaddingMode.REFLECT && max >= size;
        boolean circular = spec.mode() == PaddingMode.CIRCULAR && max > size;
        if (reflect || circular) {
            reporter.error(layer, "padding", Code.REFLECT_PADDING,
                    ShapeMessages.modePadding(layer, in, spec, a, max),
                    hints.forModePadding(in, spec, outChannels).toArray(String[]::new));
            return false;
        }
        return true;
    }

    /**
     * Warns once per layer when (in + pad - span) mod stride leaves rows or columns of the
     * input itself (not only after-padding) unread at the end. Not when the windows leave
     * gaps anyway (span &lt; stride, e.g. a 1x1 convolution with stride 2 subsamples by
     * design) nor in ceil mode.
     */
    private void warnUnread(Layer layer, Flow in, WindowSpec spec, List<AxisWindow> windows, int outChannels) {
        if (spec.ceilMode()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        List<Long> fixedOut = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (int a = 0; a < windows.size(); a++) {
            AxisWindow w = windows.get(a);
            long tail = WindowMath.unreadTail(w.in(), w.kernel(), w.stride(), w.dilation(), w.padBefore(), w.padAfter());
            boolean unread = w.span() >= w.stride() && tail > w.padAfter();
            if (unread) {
                parts.add(ShapeMessages.unread(spec, a, w, tail));
                extra.add(ShapeMessages.morePadding(spec, a, w.stride() - tail));
            }
            fixedOut.add(w.out() + (unread ? 1L : 0L));
        }
        if (parts.isEmpty()) {
            return;
        }
        List<String> hints = new ArrayList<>();
        hints.add(String.join(" and ", extra) + " so that a last window reaches the end (output "
                + KernelHints.shapeOf(outChannels, fixedOut) + ")");
        List<Integer> spatial = in.shape().dims().subList(1, in.shape().rank());
        WindowSpec alternative = spec.pool() ? spec.withCeilMode() : spec.with(dev.cnnc.spec.model.Padding.SAME,
                spec.kernel(), spec.dilation());
        alternative.outputs(spatial).ifPresent(o -> hints.add((spec.pool()
                ? "use ceil_mode: true to keep a partial last window (PyTorch's ceil_mode)"
                : "use padding: same") + " (output " + KernelHints.shapeOf(outChannels, o) + ")"));
        String key = layer.meta().positions().has("stride") ? "stride" : spec.kernelKey();
        reporter.warning(layer, key, Code.UNREAD_INPUT, layer.describe() + ": " + String.join("; ", parts)
                + "; input " + in.describe(), hints.toArray(String[]::new));
    }
}
