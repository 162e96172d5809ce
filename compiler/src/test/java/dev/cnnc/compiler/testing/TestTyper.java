package dev.cnnc.compiler.testing;

import dev.cnnc.compiler.shape.AxisWindow;
import dev.cnnc.compiler.shape.ReceptiveField;
import dev.cnnc.compiler.shape.Shape;
import dev.cnnc.compiler.shape.TypedLayer;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.spec.model.ActivationLayer;
import dev.cnnc.spec.model.Add;
import dev.cnnc.spec.model.BatchNorm;
import dev.cnnc.spec.model.Concat;
import dev.cnnc.spec.model.Conv;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.DepthwiseConv2d;
import dev.cnnc.spec.model.Dropout;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.GlobalPool;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.LayerMeta;
import dev.cnnc.spec.model.LayerVisitor;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.Pool;
import dev.cnnc.spec.model.Reshape;
import dev.cnnc.spec.model.SeparableConv2d;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent, minimal shape inference for codegen tests of valid networks (PyTorch's output
 * size formulas), so these tests do not depend on the production shape checker.
 */
public final class TestTyper {
    private static final ReceptiveField NO_FIELD = new ReceptiveField(List.of(), List.of());

    private TestTyper() {
    }

    public static TypedNetwork type(NetworkSpec spec) {
        Map<String, Shape> shapes = new HashMap<>();
        Shape input = new Shape(spec.input().shape());
        shapes.put(LayerMeta.NETWORK_INPUT, input);
        List<TypedLayer> typed = new ArrayList<>();
        for (Layer layer : spec.layers()) {
            List<Shape> ins = layer.meta().inputs().stream().map(shapes::get).toList();
            Result r = layer.accept(new Rule(ins));
            typed.add(new TypedLayer(layer, ins, r.out, r.windows, 0, 0, NO_FIELD));
            shapes.put(layer.name(), r.out);
        }
        return new TypedNetwork(spec, input, typed);
    }

    private record Result(Shape out, List<AxisWindow> windows) {
    }

    /** floor((in + pb + pa − d(k−1) − 1)/s) + 1, or PyTorch's ceil mode with its "start inside" rule. */
    static AxisWindow window(int in, int k, int s, int d, int pb, int pa, boolean ceil) {
        int span = in + pb + pa - d * (k - 1) - 1;
        int out = ceil ? Math.floorDiv(span + s - 1, s) + 1 : Math.floorDiv(span, s) + 1;
        if (ceil && (out - 1) * s >= in + pb) {
            out--;
        }
        return new AxisWindow(in, k, s, d, pb, pa, out);
    }

    private static final class Rule implements LayerVisitor<Result> {
        private final List<Shape> ins;

        Rule(List<Shape> ins) {
            this.ins = ins;
        }

        private Result windowed(int channels, List<Integer> k, List<Integer> s, List<Integer> d, Padding padding,
                                boolean ceil) {
            Shape in = ins.get(0);
            int rank = in.spatialRank();
            List<AxisWindow> windows = new ArrayList<>();
            List<Integer> dims = new ArrayList<>(List.of(channels));
            for (int a = 0; a < rank; a++) {
                int n = in.spatial(a);
                int pb = 0;
                int pa = 0;
                if (padding instanceof Padding.Explicit e) {
                    pb = e.before().get(a);
                    pa = e.after().get(a);
                } else if (padding instanceof Padding.Same) {
                    int out = (n + s.get(a) - 1) / s.get(a);
                    int total = Math.max(0, (out - 1) * s.get(a) + d.get(a) * (k.get(a) - 1) + 1 - n);
                    pb = total / 2;
                    pa = total - pb;
                }
                AxisWindow w = window(n, k.get(a), s.get(a), d.get(a), pb, pa, ceil);
                windows.add(w);
                dims.add(w.out());
            }
            return new Result(new Shape(dims), windows);
        }

        private static List<Integer> ones(int rank) {
            return java.util.Collections.nCopies(rank, 1);
        }

        @Override
        public Result visitConv(Conv l) {
            return windowed(l.filters(), l.kernel(), l.stride(), l.dilation(), l.padding(), false);
        }

        @Override
        public Result visitDepthwiseConv2d(DepthwiseConv2d l) {
            return windowed(ins.get(0).channels() * l.multiplier(), l.kernel(), l.stride(), l.dilation(), l.padding(),
                    false);
        }

        @Override
        public Result visitSeparableConv2d(SeparableConv2d l) {
            return windowed(l.filters(), l.kernel(), l.stride(), l.dilation(), l.padding(), false);
        }

        @Override
        public Result visitPool(Pool l) {
            return windowed(ins.get(0).channels(), l.size(), l.stride(), ones(l.rank()), l.padding(), l.ceilMode());
        }

        @Override
        public Result visitGlobalPool(GlobalPool l) {
            return new Result(Shape.of(ins.get(0).channels()), List.of());
        }

        @Override
        public Result visitFlatten(Flatten l) {
            return new Result(Shape.of((int) ins.get(0).size()), List.of());
        }

        @Override
        public Result visitReshape(Reshape l) {
            throw new UnsupportedOperationException("reshape");
        }

        @Override
        public Result visitDense(Dense l) {
            return new Result(Shape.of(l.units()), List.of());
        }

        @Override
        public Result visitActivation(ActivationLayer l) {
            return new Result(ins.get(0), List.of());
        }

        @Override
        public Result visitDropout(Dropout l) {
            return new Result(ins.get(0), List.of());
        }

        @Override
        public Result visitBatchNorm(BatchNorm l) {
            return new Result(ins.get(0), List.of());
        }

        @Override
        public Result visitAdd(Add l) {
            return new Result(ins.get(0), List.of());
        }

        @Override
        public Result visitConcat(Concat l) {
            Shape first = ins.get(0);
            List<Integer> dims = new ArrayList<>(first.dims());
            dims.set(0, ins.stream().mapToInt(Shape::channels).sum());
            return new Result(new Shape(dims), List.of());
        }
    }
}
