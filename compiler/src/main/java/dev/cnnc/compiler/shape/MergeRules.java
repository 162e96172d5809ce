package dev.cnnc.compiler.shape;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.model.Add;
import dev.cnnc.spec.model.Concat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rules of {@code add} (equal shapes) and {@code concat} (equal spatial size, channels summed). */
final class MergeRules {
    private final Reporter reporter;
    private final SizeRules sizes;

    MergeRules(Reporter reporter, SizeRules sizes) {
        this.reporter = reporter;
        this.sizes = sizes;
    }

    Optional<Inferred> add(Add layer, List<Flow> ins) {
        Shape first = ins.get(0).shape();
        if (ins.stream().anyMatch(f -> !f.shape().equals(first))) {
            reporter.error(layer, "input", Code.ADD_MISMATCH, layer.describe()
                    + ": all inputs must have the same shape, but " + ShapeMessages.producers(ins),
                    hints(ins, first, true).toArray(String[]::new));
            return Optional.empty();
        }
        return Optional.of(merged(ins, first));
    }

    Optional<Inferred> concat(Concat layer, List<Flow> ins) {
        Shape first = ins.get(0).shape();
        boolean mismatch = ins.stream().anyMatch(f -> f.shape().rank() != first.rank()
                || !f.shape().dims().subList(1, first.rank()).equals(first.dims().subList(1, first.rank())));
        if (mismatch) {
            reporter.error(layer, "input", Code.CONCAT_MISMATCH, layer.describe() + ": all inputs must have the same "
                    + (first.isFlat() ? "rank" : "rank and spatial size") + " (channels may differ), but "
                    + ShapeMessages.producers(ins), hints(ins, first, false).toArray(String[]::new));
            return Optional.empty();
        }
        long channels = ins.stream().mapToLong(f -> f.shape().channels()).sum();
        List<Long> dims = new ArrayList<>();
        dims.add(channels);
        first.dims().subList(1, first.rank()).forEach(d -> dims.add((long) d));
        return sizes.tensor(layer, "input", dims, ShapeMessages.producers(ins)).map(s -> merged(ins, s));
    }

    private static Inferred merged(List<Flow> ins, Shape out) {
        boolean whole = ins.stream().anyMatch(Flow::wholeField);
        ReceptiveField rf = Costs.max(ins.stream().map(Flow::field).toList());
        return new Inferred(out, List.of(), 0, 0, rf, whole);
    }

    /** For each input unlike the first: a 1x1 convolution (or dense layer) that would match it. */
    private static List<String> hints(List<Flow> ins, Shape target, boolean channelsToo) {
        List<String> hints = new ArrayList<>();
        for (Flow f : ins.subList(1, ins.size())) {
            Shape s = f.shape();
            if (s.equals(target) || hints.size() == 2) {
                continue;
            }
            String name = f.producerName();
            if (s.isFlat() && target.isFlat()) {
                hints.add("pass '" + name + "' through `dense` with units: " + target.channels()
                        + " to get " + target.describe());
            } else if (s.rank() == target.rank()) {
                int filters = channelsToo ? target.channels() : s.channels();
                String gives = " to get " + (channelsToo ? target : sameChannels(target, filters)).describe();
                String conv = "pass '" + name + "' through a conv" + s.spatialRank() + "d with ";
                Optional<Integer> stride = strideTo(s, target);
                Optional<Integer> kernel = kernelTo(s, target);
                if (stride.isPresent()) {
                    hints.add(conv + "kernel: 1, stride: " + stride.get() + ", filters: " + filters + gives);
                } else if (kernel.isPresent()) {
                    hints.add(conv + "kernel: " + kernel.get() + ", filters: " + filters + " (no padding)" + gives);
                }
            }
        }
        if (hints.isEmpty()) {
            hints.add("make every input " + (channelsToo ? target.describe() : "spatially " + target.describe())
                    + " like '" + ins.get(0).producerName() + "'");
        }
        return hints;
    }

    /** The stride s with ceil(in/s) = target on every spatial axis (a 1x1 conv's output), if one exists. */
    private static Optional<Integer> strideTo(Shape from, Shape target) {
        Integer stride = null;
        for (int a = 0; a < from.spatialRank(); a++) {
            int in = from.spatial(a);
            int want = target.spatial(a);
            int s = Math.max(1, in / want);
            if (WindowMath.ceilDiv(in, s) != want && WindowMath.ceilDiv(in, s + 1) == want) {
                s++;
            }
            if (WindowMath.ceilDiv(in, s) != want || stride != null && stride != s) {
                return Optional.empty();
            }
            stride = s;
        }
        return Optional.ofNullable(stride);
    }

    /** The kernel k with in - k + 1 = target on every spatial axis (stride 1, no padding), if one exists. */
    private static Optional<Integer> kernelTo(Shape from, Shape target) {
        int k = from.spatial(0) - target.spatial(0) + 1;
        for (int a = 0; a < from.spatialRank(); a++) {
            if (from.spatial(a) - target.spatial(a) + 1 != k) {
                return Optional.empty();
            }
        }
        return k > 1 ? Optional.of(k) : Optional.empty();
    }

    private static Shape sameChannels(Shape target, int channels) {
        List<Integer> dims = new ArrayList<>(target.dims());
        dims.set(0, channels);
        return new Shape(dims);
    }
}
