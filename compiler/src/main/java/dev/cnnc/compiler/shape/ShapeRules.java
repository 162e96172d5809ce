package dev.cnnc.compiler.shape;

import dev.cnnc.spec.diag.Code;
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
import dev.cnnc.spec.model.LayerVisitor;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.Pool;
import dev.cnnc.spec.model.Reshape;
import dev.cnnc.spec.model.SeparableConv2d;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The shape rule of each layer kind (contract §1.1), applied to one layer whose input
 * shapes are known. Returns the inferred output, or empty after reporting an error (the
 * layer's consumers are then skipped silently).
 */
final class ShapeRules implements LayerVisitor<Optional<Inferred>> {
    private final List<Flow> ins;
    private final Context ctx;

    /**
     * What every layer's rule needs besides its inputs.
     *
     * @param inputSpatial the network input's spatial size, for "whole input" receptive fields
     */
    record Context(Reporter reporter, WindowRules windows, SizeRules sizes, List<Integer> inputSpatial) {
    }

    ShapeRules(List<Flow> ins, Context ctx) {
        this.ins = List.copyOf(ins);
        this.ctx = ctx;
    }

    private Flow in() {
        return ins.get(0);
    }

    @Override
    public Optional<Inferred> visitConv(Conv c) {
        if (!rankIs(c, c.rank())) {
            return Optional.empty();
        }
        int channels = in().shape().channels();
        if (channels % c.groups() != 0 || c.filters() % c.groups() != 0) {
            ctx.reporter().error(c, "groups", Code.GROUPS_MISMATCH,
                    ShapeMessages.groups(c, in(), c.filters(), c.groups()),
                    ShapeMessages.groupsHints(channels, c.filters()).toArray(String[]::new));
            return Optional.empty();
        }
        WindowSpec spec = new WindowSpec("kernel", c.kernel(), c.stride(), c.dilation(), c.padding(),
                c.paddingMode(), false, false);
        return ctx.windows().resolve(c, in(), spec, c.filters()).flatMap(w -> windowed(c, "filters", c.filters(), w,
                out -> Costs.convParams(channels, c.filters(), c.groups(), c.kernel(), c.bias()),
                out -> Costs.convMacs(out, channels, c.groups(), c.kernel())));
    }

    @Override
    public Optional<Inferred> visitDepthwiseConv2d(DepthwiseConv2d c) {
        if (!rankIs(c, 2)) {
            return Optional.empty();
        }
        int channels = in().shape().channels();
        long outChannels = (long) channels * c.multiplier();
        if (outChannels > Integer.MAX_VALUE) {
            ctx.reporter().error(c, "multiplier", Code.OVERFLOW, c.describe() + ": " + channels + " channels * multiplier "
                    + c.multiplier() + " = " + outChannels + " channels, more than a Java array can hold",
                    "use a smaller multiplier");
            return Optional.empty();
        }
        WindowSpec spec = new WindowSpec("kernel", c.kernel(), c.stride(), c.dilation(), c.padding(),
                c.paddingMode(), false, false);
        return ctx.windows().resolve(c, in(), spec, (int) outChannels).flatMap(w -> windowed(c, "multiplier",
                (int) outChannels, w,
                out -> Costs.depthwiseParams(channels, c.multiplier(), c.kernel(), c.bias()),
                out -> Costs.depthwiseMacs(out, c.kernel())));
    }

    @Override
    public Optional<Inferred> visitSeparableConv2d(SeparableConv2d c) {
        if (!rankIs(c, 2)) {
            return Optional.empty();
        }
        int channels = in().shape().channels();
        WindowSpec spec = new WindowSpec("kernel", c.kernel(), c.stride(), c.dilation(), c.padding(),
                c.paddingMode(), false, false);
        return ctx.windows().resolve(c, in(), spec, c.filters()).flatMap(w -> windowed(c, "filters", c.filters(), w,
                out -> Costs.separableParams(channels, c.filters(), c.kernel(), c.bias()),
                out -> Costs.separableMacs(out, channels, c.kernel())));
    }

    @Override
    public Optional<Inferred> visitPool(Pool p) {
        if (!rankIs(p, p.rank())) {
            return Optional.empty();
        }
        WindowSpec spec = new WindowSpec("size", p.size(), p.stride(), Collections.nCopies(p.rank(), 1), p.padding(),
                PaddingMode.ZEROS, p.ceilMode(), true);
        int channels = in().shape().channels();
        return ctx.windows().resolve(p, in(), spec, channels).flatMap(w -> windowed(p, "size", channels, w,
                out -> 0L, out -> 0L));
    }

    /** Output [channels, out sizes...], its costs, and the receptive field grown by the windows. */
    private Optional<Inferred> windowed(Layer layer, String key, int channels, List<AxisWindow> windows,
                                        java.util.function.ToLongFunction<Shape> params,
                                        java.util.function.ToLongFunction<Shape> macs) {
        List<Long> dims = new ArrayList<>();
        dims.add((long) channels);
        windows.forEach(w -> dims.add((long) w.out()));
        Optional<Shape> out = ctx.sizes().tensor(layer, key, dims, in().describe());
        if (out.isEmpty()) {
            return Optional.empty();
        }
        long p = params.applyAsLong(out.get());
        long m = macs.applyAsLong(out.get());
        if (!ctx.sizes().params(layer, key, p) || !ctx.sizes().macs(layer, key, m)) {
            return Optional.empty();
        }
        boolean whole = in().wholeField() || in().field().size().size() != windows.size();
        ReceptiveField rf = whole ? in().field() : Costs.afterWindows(in().field(), windows);
        return Optional.of(new Inferred(out.get(), windows, p, m, rf, whole));
    }

    @Override
    public Optional<Inferred> visitGlobalPool(GlobalPool g) {
        if (in().shape().isFlat()) {
            ctx.reporter().error(g, "type", Code.RANK_MISMATCH, ShapeMessages.rank(g, 0, in()),
                    "the input is already flat: remove this layer");
            return Optional.empty();
        }
        return Optional.of(mixing(Shape.of(in().shape().channels()), 0, 0));
    }

    @Override
    public Optional<Inferred> visitFlatten(Flatten f) {
        return Optional.of(mixing(Shape.of((int) in().shape().size()), 0, 0));
    }

    @Override
    public Optional<Inferred> visitReshape(Reshape r) {
        return new ReshapeRule(ctx.reporter(), ctx.sizes()).apply(r, in()).map(s -> mixing(s, 0, 0));
    }

    @Override
    public Optional<Inferred> visitDense(Dense d) {
        if (!in().shape().isFlat()) {
            ctx.reporter().error(d, "type", Code.DENSE_NOT_FLAT, ShapeMessages.denseNotFlat(d, in()),
                    ShapeMessages.denseHints(in()).toArray(String[]::new));
            return Optional.empty();
        }
        long n = in().shape().size();
        long p = Costs.denseParams(n, d.units(), d.bias());
        long m = Costs.denseMacs(n, d.units());
        Optional<Shape> out = ctx.sizes().tensor(d, "units", List.of((long) d.units()), in().describe());
        if (out.isEmpty() || !ctx.sizes().params(d, "units", p) || !ctx.sizes().macs(d, "units", m)) {
            return Optional.empty();
        }
        return Optional.of(mixing(out.get(), p, m));
    }

    @Override
    public Optional<Inferred> visitActivation(ActivationLayer a) {
        return Optional.of(same(0));
    }

    @Override
    public Optional<Inferred> visitDropout(Dropout d) {
        return Optional.of(same(0));
    }

    @Override
    public Optional<Inferred> visitBatchNorm(BatchNorm b) {
        return Optional.of(same(Costs.batchNormParams(in().shape().channels())));
    }

    @Override
    public Optional<Inferred> visitAdd(Add a) {
        return new MergeRules(ctx.reporter(), ctx.sizes()).add(a, ins);
    }

    @Override
    public Optional<Inferred> visitConcat(Concat c) {
        return new MergeRules(ctx.reporter(), ctx.sizes()).concat(c, ins);
    }

    /** Same shape and receptive field as the input. */
    private Inferred same(long params) {
        return new Inferred(in().shape(), List.of(), params, 0, in().field(), in().wholeField());
    }

    /** A layer after which every output may depend on every input position. */
    private Inferred mixing(Shape out, long params, long macs) {
        return new Inferred(out, List.of(), params, macs, Costs.whole(ctx.inputSpatial()), true);
    }

    private boolean rankIs(Layer layer, int spatialRank) {
        if (in().shape().spatialRank() == spatialRank) {
            return true;
        }
        ctx.reporter().error(layer, "type", Code.RANK_MISMATCH, ShapeMessages.rank(layer, spatialRank, in()),
                ShapeMessages.rankHints(layer, spatialRank, in()).toArray(String[]::new));
        return false;
    }
}
