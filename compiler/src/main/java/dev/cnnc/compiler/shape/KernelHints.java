package dev.cnnc.compiler.shape;

import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Fixes for a kernel that does not fit its input, each with the output shape it gives,
 * computed by re-running the size formula with the changed parameter: more padding, a
 * smaller kernel, or removing the pooling layer that shrank the input.
 */
final class KernelHints {
    private final Function<Layer, Optional<Shape>> inputOf;

    /** @param inputOf the input shape of an already checked layer, if known */
    KernelHints(Function<Layer, Optional<Shape>> inputOf) {
        this.inputOf = inputOf;
    }

    /** Up to three fixes: padding, dilation or kernel, removing the pooling before. */
    List<String> forKernel(Layer layer, Flow in, WindowSpec spec, int outChannels) {
        List<String> hints = new ArrayList<>();
        List<Integer> spatial = in.shape().dims().subList(1, in.shape().rank());
        padding(spec, spatial).ifPresent(p -> result(spec.with(p, spec.kernel(), spec.dilation()), spatial, outChannels)
                .ifPresent(s -> hints.add("use padding: " + format(p) + " (output " + s + ")")));
        List<Integer> dilation = smallerDilation(spec, spatial);
        if (!dilation.equals(spec.dilation())) {
            result(spec.with(spec.padding(), spec.kernel(), dilation), spatial, outChannels)
                    .ifPresent(s -> hints.add("use dilation: " + format(dilation) + " (output " + s + ")"));
        }
        List<Integer> kernel = smallerKernel(spec, spatial);
        result(spec.with(spec.padding(), kernel, spec.dilation()), spatial, outChannels)
                .ifPresent(s -> hints.add("use " + spec.kernelKey() + ": " + format(kernel) + " (output " + s + ")"));
        in.producer().filter(p -> p instanceof Pool).ifPresent(p -> inputOf.apply(p)
                .filter(s -> s.rank() == in.shape().rank())
                .ifPresent(s -> result(spec, s.dims().subList(1, s.rank()), outChannels)
                        .ifPresent(out -> hints.add("remove '" + p.name() + "' (this layer then gets "
                                + s.describe() + " and gives " + out + ")"))));
        return hints.subList(0, Math.min(3, hints.size()));
    }

    /** For pooling padding above half the window: the largest allowed padding, or none. */
    List<String> forPoolPadding(Flow in, WindowSpec spec, int outChannels) {
        List<Integer> spatial = in.shape().dims().subList(1, in.shape().rank());
        int most = spec.kernel().stream().mapToInt(k -> k / 2).min().orElse(0);
        List<String> hints = new ArrayList<>();
        for (int p : most > 0 ? List.of(most, 0) : List.of(0)) {
            result(spec.with(Padding.Explicit.uniform(p, spec.rank()), spec.kernel(), spec.dilation()), spatial,
                    outChannels).ifPresent(s -> hints.add("use padding: " + p + " (output " + s + ")"));
        }
        return hints;
    }

    /** For reflect or circular padding beyond the input: zero padding, or less padding. */
    List<String> forModePadding(Flow in, WindowSpec spec, int outChannels) {
        List<Integer> spatial = in.shape().dims().subList(1, in.shape().rank());
        List<String> hints = new ArrayList<>();
        result(spec, spatial, outChannels).ifPresent(s -> hints.add(
                "use padding_mode: zeros or replicate, which have no such limit (output " + s + ")"));
        int reflect = spec.mode() == PaddingMode.REFLECT ? 1 : 0;
        int most = spatial.stream().mapToInt(d -> d - reflect).min().orElse(0);
        result(spec.with(Padding.Explicit.uniform(most, spec.rank()), spec.kernel(), spec.dilation()), spatial,
                outChannels).ifPresent(s -> hints.add("use padding: " + most + " (output " + s + ")"));
        return hints;
    }

    /**
     * Padding that makes the kernel fit: on each axis where it does not, (span-1)/2 per side
     * ("same" for odd kernels) or just enough; other axes keep their padding. Empty when that
     * breaks the limits of pooling or reflect/circular padding.
     */
    private static Optional<Padding.Explicit> padding(WindowSpec spec, List<Integer> spatial) {
        List<Integer> before = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        for (int a = 0; a < spec.rank(); a++) {
            int size = spatial.get(a);
            long[] pad = spec.pads(a, size);
            long span = WindowMath.span(spec.kernel().get(a), spec.dilation().get(a));
            if (span > size + pad[0] + pad[1]) {
                long p = Math.max((span - 1) / 2, WindowMath.ceilDiv(span - size, 2));
                boolean allowed = p <= Integer.MAX_VALUE && !(spec.pool() && p > spec.kernel().get(a) / 2)
                        && !(spec.mode() == PaddingMode.REFLECT && p >= size)
                        && !(spec.mode() == PaddingMode.CIRCULAR && p > size);
                if (!allowed) {
                    return Optional.empty();
                }
                pad = new long[] {p, p};
            }
            before.add((int) pad[0]);
            after.add((int) pad[1]);
        }
        return Optional.of(new Padding.Explicit(before, after));
    }

    /** Per axis, the dilation if the kernel fits, else the largest dilation with which it fits. */
    private static List<Integer> smallerDilation(WindowSpec spec, List<Integer> spatial) {
        List<Integer> out = new ArrayList<>();
        for (int a = 0; a < spec.rank(); a++) {
            long[] pad = spec.pads(a, spatial.get(a));
            long room = spatial.get(a) + pad[0] + pad[1];
            int k = spec.kernel().get(a);
            int d = spec.dilation().get(a);
            if (k > 1 && WindowMath.span(k, d) > room) {
                d = (int) Math.max(1, (room - 1) / (k - 1));
            }
            out.add(d);
        }
        return out;
    }

    /** Per axis, the kernel if it fits, else the largest odd kernel that fits the padded input. */
    private static List<Integer> smallerKernel(WindowSpec spec, List<Integer> spatial) {
        List<Integer> out = new ArrayList<>();
        for (int a = 0; a < spec.rank(); a++) {
            long[] pad = spec.pads(a, spatial.get(a));
            long room = spatial.get(a) + pad[0] + pad[1];
            int k = spec.kernel().get(a);
            long d = spec.dilation().get(a);
            long fits = (room - 1) / d + 1;
            if (WindowMath.span(k, d) > room) {
                k = (int) Math.max(1, fits % 2 == 1 ? fits : fits - 1);
            }
            out.add(k);
        }
        return out;
    }

    private static Optional<String> result(WindowSpec spec, List<Integer> spatial, int outChannels) {
        return spec.outputs(spatial).map(outs -> shapeOf(outChannels, outs));
    }

    /** {@code [C=outChannels, H=.., W=..]} for spatial sizes that fit an int. */
    static String shapeOf(int outChannels, List<Long> spatial) {
        List<Long> dims = new ArrayList<>();
        dims.add((long) outChannels);
        dims.addAll(spatial);
        return SizeRules.describe(dims);
    }

    private static String format(List<Integer> values) {
        return values.stream().distinct().count() == 1 ? String.valueOf(values.get(0)) : values.toString();
    }

    /** As written in YAML: {@code 2}, {@code [ph, pw]}, or {@code [top, bottom, left, right]} / {@code [left, right]}. */
    private static String format(Padding.Explicit p) {
        if (p.before().equals(p.after())) {
            return format(p.before());
        }
        if (p.rank() == 1) {
            return List.of(p.before().get(0), p.after().get(0)).toString();
        }
        return List.of(p.before().get(0), p.after().get(0), p.before().get(1), p.after().get(1)).toString();
    }
}
