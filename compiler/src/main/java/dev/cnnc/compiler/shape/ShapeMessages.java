package dev.cnnc.compiler.shape;

import dev.cnnc.spec.model.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of shape diagnostics: the layer, the incoming shape with named axes and its
 * producer, the rule with the numbers substituted. Hints that need "what if" shapes live
 * in {@link KernelHints}.
 */
final class ShapeMessages {
    private ShapeMessages() {
    }

    /** {@code height}/{@code width} for 2-D, {@code length} for 1-D. */
    static String axisName(int rank, int axis) {
        return rank == 1 ? "length" : axis == 0 ? "height" : "width";
    }

    /** What one step along the axis is called: rows, columns, positions. */
    static String cells(int rank, int axis) {
        return rank == 1 ? "positions" : axis == 0 ? "rows" : "columns";
    }

    static String kernelTooLarge(Layer layer, Flow in, WindowSpec spec, int a, long[] pad) {
        int k = spec.kernel().get(a);
        int d = spec.dilation().get(a);
        int size = in.shape().spatial(a);
        return layer.describe() + ": " + spec.kernelKey() + " " + k + " (dilation " + d + " -> span "
                + WindowMath.span(k, d) + ") is larger than the padded input " + axisName(spec.rank(), a) + " "
                + (size + pad[0] + pad[1]) + " (" + size + " + " + pad[0] + " + " + pad[1] + ") coming from '"
                + in.producerName() + "' " + in.shape().describe();
    }

    static String poolPadding(Layer layer, Flow in, WindowSpec spec, int a, long pad) {
        int k = spec.kernel().get(a);
        return layer.describe() + ": padding " + pad + " along the " + axisName(spec.rank(), a)
                + " is more than half the window (size " + k + " -> at most " + k / 2
                + "); a window could then lie entirely in the padding (PyTorch's rule); input " + in.describe();
    }

    static String modePadding(Layer layer, Flow in, WindowSpec spec, int a, long pad) {
        int size = in.shape().spatial(a);
        String mode = spec.mode().yamlName();
        String rule = mode.equals("reflect") ? "must be smaller than" : "must not exceed";
        return layer.describe() + ": " + mode + " padding " + pad + " along the " + axisName(spec.rank(), a) + " "
                + rule + " the input " + axisName(spec.rank(), a) + " " + size + " of " + in.describe()
                + " (PyTorch's rule: the padding mirrors or wraps cells of the input)";
    }

    /** One axis of an unread-input warning: which cells, and the rule with the numbers. */
    static String unread(WindowSpec spec, int a, AxisWindow w, long tail) {
        String cells = cells(spec.rank(), a);
        long padded = (long) w.in() + w.padBefore() + w.padAfter();
        String last = tail == 1 ? "the last " + cells.substring(0, cells.length() - 1) + " of the padded input is"
                : "the last " + tail + " " + cells + " of the padded input are";
        return last + " never read: (" + axisName(spec.rank(), a) + " " + w.in() + " + padding "
                + (w.padBefore() + w.padAfter()) + " - span " + w.span() + ") = " + (padded - w.span())
                + " is not a multiple of stride " + w.stride();
    }

    /** {@code pad 1 more row at the bottom}. */
    static String morePadding(WindowSpec spec, int a, long amount) {
        String cells = cells(spec.rank(), a);
        return "pad " + amount + " more " + (amount == 1 ? cells.substring(0, cells.length() - 1) : cells)
                + " at the " + (a == 0 && spec.rank() == 2 ? "bottom" : spec.rank() == 1 ? "end" : "right");
    }

    static String rank(Layer layer, int expectedSpatialRank, Flow in) {
        String expected = expectedSpatialRank == 1 ? "[C, L]" : expectedSpatialRank == 2 ? "[C, H, W]"
                : "[C, L] or [C, H, W]";
        return layer.describe() + ": expects a " + expected + " input, got " + in.describe();
    }

    /** Hints for a windowed or global layer applied to a tensor of the wrong rank. */
    static List<String> rankHints(Layer layer, int expectedSpatialRank, Flow in) {
        List<String> hints = new ArrayList<>();
        String type = layer.typeName();
        int actual = in.shape().spatialRank();
        if (actual == 1 && expectedSpatialRank == 2 && type.endsWith("2d")) {
            String other = type.startsWith("depthwise") || type.startsWith("separable") ? "conv1d" : type.replace("2d", "1d");
            hints.add("use " + other + " for a [C, L] input");
        } else if (actual == 2 && expectedSpatialRank == 1) {
            hints.add("use " + type.replace("1d", "2d") + " for a [C, H, W] input");
        } else if (actual == 0) {
            long n = in.shape().size();
            long side = (long) Math.sqrt((double) n);
            String example = side * side == n ? " (e.g. shape: [1, " + side + ", " + side + "])" : "";
            hints.add("move it before the layer that flattens the tensor, or insert `reshape`" + example);
        }
        return hints;
    }

    static String denseNotFlat(Layer layer, Flow in) {
        return layer.describe() + ": dense needs a flat input [N], got " + in.describe();
    }

    static List<String> denseHints(Flow in) {
        return List.of("insert `flatten` before it (input " + in.shape().describe() + " becomes ["
                        + in.shape().size() + "])",
                "or insert `global_avgpool` before it (becomes [" + in.shape().channels() + "])");
    }

    static String groups(Layer layer, Flow in, int filters, int groups) {
        int c = in.shape().channels();
        return layer.describe() + ": groups " + groups + " must divide both the input channels " + c
                + " and filters " + filters + " (" + c + " % " + groups + " = " + c % groups + ", " + filters
                + " % " + groups + " = " + filters % groups + "); input " + in.describe();
    }

    static List<String> groupsHints(int channels, int filters) {
        int g = gcd(channels, filters);
        return List.of("use groups: " + g + " (the largest that divides " + channels + " and " + filters + ")",
                "or groups: 1 (an ordinary convolution)");
    }

    static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** {@code 'a' gives [C=16, H=8, W=8], 'b' gives [...]}. */
    static String producers(List<Flow> ins) {
        List<String> parts = new ArrayList<>();
        for (Flow f : ins) {
            parts.add("'" + f.producerName() + "' gives " + f.shape().describe());
        }
        return String.join(", ", parts);
    }
}
