package dev.cnnc.compiler.shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parameter counts, multiply-accumulate counts and receptive fields.
 *
 * <p>Conventions. Parameters are PyTorch's {@code sum(p.numel() for p in parameters())}:
 * batchnorm's running mean and variance are buffers and not counted. MACs count one
 * multiply-accumulate per weight use of convolutions and dense layers only (the convention
 * of ptflops and fvcore); bias additions, pooling, activations, normalisation, add and
 * concat count 0. All arithmetic is exact: a result above {@link Long#MAX_VALUE} is -1 and
 * the caller reports OVERFLOW.
 */
final class Costs {
    private Costs() {
    }

    /** conv: filters*(C/groups)*prod(kernel) + filters (bias). */
    static long convParams(int channels, int filters, int groups, List<Integer> kernel, boolean bias) {
        long w = Limits.product(filters, channels / groups, prod(kernel));
        return w < 0 ? -1 : Limits.sum(w, bias ? filters : 0);
    }

    /** conv: output elements * (C/groups) * prod(kernel). */
    static long convMacs(Shape out, int channels, int groups, List<Integer> kernel) {
        return Limits.product(out.size(), channels / groups, prod(kernel));
    }

    /** depthwise: C*multiplier*prod(kernel) + C*multiplier (bias). */
    static long depthwiseParams(int channels, int multiplier, List<Integer> kernel, boolean bias) {
        long outChannels = (long) channels * multiplier;
        long w = Limits.product(outChannels, prod(kernel));
        return w < 0 ? -1 : Limits.sum(w, bias ? outChannels : 0);
    }

    /** depthwise: output elements * prod(kernel) (each output reads one channel). */
    static long depthwiseMacs(Shape out, List<Integer> kernel) {
        return Limits.product(out.size(), prod(kernel));
    }

    /** separable: C*prod(kernel) (depthwise, no bias) + filters*C (pointwise) + filters (bias). */
    static long separableParams(int channels, int filters, List<Integer> kernel, boolean bias) {
        return Limits.sum(Limits.product(channels, prod(kernel)), Limits.product(filters, channels),
                bias ? filters : 0);
    }

    /** separable: C*H'*W'*prod(kernel) (depthwise) + filters*H'*W'*C (pointwise). */
    static long separableMacs(Shape out, int channels, List<Integer> kernel) {
        long positions = out.size() / out.channels();
        long dw = Limits.product(channels, positions, prod(kernel));
        long pw = Limits.product(out.size(), channels);
        return dw < 0 || pw < 0 ? -1 : Limits.sum(dw, pw);
    }

    /** dense: in*units + units (bias). */
    static long denseParams(long in, int units, boolean bias) {
        long w = Limits.product(in, units);
        return w < 0 ? -1 : Limits.sum(w, bias ? units : 0);
    }

    /** dense: in*units. */
    static long denseMacs(long in, int units) {
        return Limits.product(in, units);
    }

    /** batchnorm: weight and bias per channel, 2*C. */
    static long batchNormParams(int channels) {
        return 2L * channels;
    }

    /** The receptive field of the network input before any layer: 1 cell, jump 1. */
    static ReceptiveField unit(int spatialRank) {
        return new ReceptiveField(Collections.nCopies(spatialRank, 1L), Collections.nCopies(spatialRank, 1L));
    }

    /** Every output sees the whole input: size and jump are the input's spatial size. */
    static ReceptiveField whole(List<Integer> inputSpatial) {
        List<Long> all = inputSpatial.stream().map(Integer::longValue).toList();
        return new ReceptiveField(all, all);
    }

    /**
     * After a window layer: size += (span-1)*jump, jump *= stride (the standard recurrence,
     * e.g. Araujo et al., "Computing Receptive Fields of CNNs", Distill 2019), saturating
     * at Long.MAX_VALUE.
     */
    static ReceptiveField afterWindows(ReceptiveField in, List<AxisWindow> windows) {
        List<Long> size = new ArrayList<>();
        List<Long> jump = new ArrayList<>();
        for (int a = 0; a < windows.size(); a++) {
            AxisWindow w = windows.get(a);
            long j = in.jump().get(a);
            size.add(saturatedAdd(in.size().get(a), saturatedMul(w.span() - 1L, j)));
            jump.add(saturatedMul(j, w.stride()));
        }
        return new ReceptiveField(size, jump);
    }

    /** For add and concat: the largest size and jump per axis over the inputs. */
    static ReceptiveField max(List<ReceptiveField> fields) {
        List<Long> size = new ArrayList<>(fields.get(0).size());
        List<Long> jump = new ArrayList<>(fields.get(0).jump());
        for (ReceptiveField f : fields) {
            for (int a = 0; a < size.size(); a++) {
                size.set(a, Math.max(size.get(a), f.size().get(a)));
                jump.set(a, Math.max(jump.get(a), f.jump().get(a)));
            }
        }
        return new ReceptiveField(size, jump);
    }

    private static long prod(List<Integer> values) {
        return Limits.product(values.stream().mapToLong(Integer::longValue).toArray());
    }

    private static long saturatedMul(long a, long b) {
        long r = Limits.product(a, b);
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatedAdd(long a, long b) {
        long r = Limits.sum(a, b);
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
