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

    List<String> forKernel(Layer layer, Flow in, WindowSpec spec, int outChannels) {
        List<String> hints = new ArrayList<>();
        List<Integer> spatial = in.shape().dims().subList(1, in.shape().rank());
        padding(spec, spatial).ifPresent(p -> result(spec.with(Padding.Explicit.uniform(p, spec.rank()),
                spec.kernel(), spec.dilation()), spatial, outChannels)
                .ifPresent(s -> hints.add("use padding: " + p + " (output " + s + ")")));
        List<Integer> kernel = smallerKernel(spec, spatial);
        result(spec.with(spec.padding(), kernel, spec.dilation()), spatial, outChannels)
                .ifPresent(s -> hints.add("use " + spec.kernelKey() + ": " + format(kernel) + " (output " + s + ")"));
        in.producer().filter(p -> p instanceof Pool).ifPresent(p -> inputOf.apply(p)
                .filter(s -> s.rank() == in.shape().rank())
                .ifPresent(s -> result(spec, s.dims().subList(1, s.rank()), outChannels)
                        .ifPresent(out -> hints.add("remove '" + p.name() + "' (this layer then gets "
                                + s.describe() + " and gives " + out + ")"))));
        return hints;
    }

    /**
     * The smallest uniform padding that keeps the size where it can ((span-1)/2 per side,
     * "same" for odd kernels), within the limits of pooling and reflect padding.
     */
    private static Optional<Integer> padding(WindowSpec spec, List<Integer> spatial) {
        long p = 0;
        for (int a = 0; a < spec.rank(); a++) {
            long span = WindowMath.span(spec.kernel().get(a), spec.dilation().get(a));
            long need = Math.max((span - 1) / 2, WindowMath.ceilDiv(span - spatial.get(a), 2));
            p = Math.max(p, need);
        }
        for (int a = 0; a < spec.rank(); a++) {
            if (spec.pool() && p > spec.kernel().get(a) / 2
                    || spec.mode() == PaddingMode.REFLECT && p >= spatial.get(a)
                    || spec.mode() == PaddingMode.CIRCULAR && p > spatial.get(a)) {
                return Optional.empty();
            }
        }
        return p > Integer.MAX_VALUE ? Optional.empty() : Optional.of((int) p);
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
        return spec.outputs(spatial).map(outs -> {
            List<Integer> dims = new ArrayList<>();
            dims.add(outChannels);
            outs.forEach(o -> dims.add(o.intValue()));
            return new Shape(dims).describe();
        });
    }

    private static String format(List<Integer> values) {
        return values.stream().distinct().count() == 1 ? String.valueOf(values.get(0)) : values.toString();
    }
}
