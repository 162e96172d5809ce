package dev.cnnc.compiler.ir;

import dev.cnnc.compiler.shape.AxisWindow;
import dev.cnnc.compiler.shape.Shape;
import dev.cnnc.compiler.shape.TypedLayer;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.spec.model.Activation;
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
import dev.cnnc.spec.model.Normalize;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.Pool;
import dev.cnnc.spec.model.PoolKind;
import dev.cnnc.spec.model.Reshape;
import dev.cnnc.spec.model.SeparableConv2d;
import dev.cnnc.spec.model.ActivationLayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers a shape-checked network to a {@link ModelIr}: one or more ops per layer, padding made
 * explicit, parameters placed in state_dict order, and a stand-alone activation fused into the
 * conv/dense/batchnorm (or ReLU into the max pooling) that feeds only it.
 */
public final class Lowering implements LayerVisitor<Void> {
    private final TypedNetwork network;
    private final List<Op> ops = new ArrayList<>();
    private final List<Buffer> buffers = new ArrayList<>();
    private final ParamAllocator params = new ParamAllocator();
    private final Map<String, Buffer> outputs = new HashMap<>();
    private final Map<String, Integer> producerOp = new HashMap<>();
    private final Map<String, Integer> consumers = new HashMap<>();
    private TypedLayer current;

    private Lowering(TypedNetwork network) {
        this.network = network;
    }

    /** Lowers {@code network}; the network is valid by construction, so this cannot fail on user input. */
    public static ModelIr lower(TypedNetwork network) {
        return new Lowering(network).run();
    }

    private ModelIr run() {
        Shape inShape = network.input();
        Buffer caller = newBuffer("input", inShape);
        Buffer normalized = newBuffer("input.normalized", inShape);
        Optional<Normalize> norm = network.spec().input().normalize();
        ops.add(new NormalizeOp(LayerMeta.NETWORK_INPUT, caller, normalized, inShape.channels(),
                (int) (inShape.size() / inShape.channels()),
                norm.map(Normalize::mean).orElse(List.of()), norm.map(Normalize::std).orElse(List.of())));
        outputs.put(LayerMeta.NETWORK_INPUT, normalized);
        for (TypedLayer layer : network.layers()) {
            for (String in : layer.layer().meta().inputs()) {
                consumers.merge(in, 1, Integer::sum);
            }
        }
        for (TypedLayer layer : network.layers()) {
            current = layer;
            layer.layer().accept(this);
        }
        Buffer out = outputs.get(network.layers().get(network.layers().size() - 1).name());
        Map<String, Buffer> layerOutputs = new LinkedHashMap<>();
        for (TypedLayer layer : network.layers()) {
            layerOutputs.put(layer.name(), outputs.get(layer.name()));
        }
        return new ModelIr(network.spec().name(), network.spec().classes(), inShape, network.output(), caller, out,
                ops, buffers, params.tensors(), params.count(), layerOutputs);
    }

    private Buffer newBuffer(String label, Shape shape) {
        Buffer b = new Buffer(buffers.size(), label, shape);
        buffers.add(b);
        return b;
    }

    private Buffer in(int k) {
        return outputs.get(current.layer().meta().inputs().get(k));
    }

    private Buffer out() {
        return newBuffer(current.name(), current.output());
    }

    private void emit(Op op) {
        producerOp.put(current.name(), ops.size());
        ops.add(op);
        outputs.put(current.name(), op.output());
    }

    private void alias() {
        outputs.put(current.name(), in(0));
    }

    /** Per spatial axis as (H, W); a 1-D tensor [C, L] is [C, 1, L]. */
    private static int[] hw(Shape s) {
        return s.spatialRank() == 2 ? new int[] {s.spatial(0), s.spatial(1)} : new int[] {1, s.spatial(0)};
    }

    /**
     * Pads the current layer's input where its windows need it and returns the padded buffer
     * and the windows over it, (h, w) with h trivial for 1-D.
     */
    private Padded padFor(Buffer input, List<AxisWindow> axes, PadFill fill, String suffix) {
        AxisWindow[] hwAxes = axes.size() == 2 ? new AxisWindow[] {axes.get(0), axes.get(1)}
                : new AxisWindow[] {null, axes.get(0)};
        Window[] win = new Window[2];
        int[] before = new int[2];
        int[] extent = new int[2];
        boolean padded = false;
        int[] real = hw(input.shape());
        for (int a = 0; a < 2; a++) {
            AxisWindow x = hwAxes[a];
            if (x == null) {
                win[a] = Window.TRIVIAL;
                extent[a] = 1;
                continue;
            }
            int needed = (x.out() - 1) * x.stride() + x.span();
            extent[a] = Math.max(x.in() + x.padBefore() + x.padAfter(), needed);
            before[a] = x.padBefore();
            padded |= extent[a] != x.in();
            win[a] = new Window(extent[a], x.kernel(), x.stride(), x.dilation(), x.out(), x.in(), x.padBefore(),
                    x.padAfter());
        }
        if (!padded) {
            return new Padded(input, win[0], win[1]);
        }
        int c = input.shape().channels();
        Shape shape = axes.size() == 2 ? Shape.of(c, extent[0], extent[1]) : Shape.of(c, extent[1]);
        Buffer pad = newBuffer(current.name() + suffix, shape);
        ops.add(new PadOp(current.name(), input, pad, c, real[0], real[1], before[0], before[1], extent[0], extent[1],
                fill));
        return new Padded(pad, win[0], win[1]);
    }

    private record Padded(Buffer buffer, Window h, Window w) {
    }

    private static PadFill fillOf(PaddingMode mode) {
        return switch (mode) {
            case ZEROS -> PadFill.ZEROS;
            case REFLECT -> PadFill.REFLECT;
            case REPLICATE -> PadFill.REPLICATE;
            case CIRCULAR -> PadFill.CIRCULAR;
        };
    }

    private static Activation fusedPart(Activation act) {
        return act.kind() == Activation.Kind.SOFTMAX ? Activation.NONE : act;
    }

    /** Adds a separate softmax op after a layer whose activation is softmax. */
    private void softmaxAfter(Activation act) {
        if (act.kind() != Activation.Kind.SOFTMAX) {
            return;
        }
        Buffer pre = outputs.get(current.name());
        Buffer soft = newBuffer(current.name() + ".softmax", current.output());
        Shape s = current.output();
        producerOp.put(current.name(), ops.size());
        ops.add(new ActivationOp(current.name(), pre, soft, act, s.channels(), (int) (s.size() / s.channels())));
        outputs.put(current.name(), soft);
    }

    private void conv(String weightName, Optional<String> biasName, int inC, int outC, int groups, List<Integer> kernel,
                      PaddingMode mode, Activation act) {
        Padded p = padFor(in(0), current.windows(), fillOf(mode), ".padded");
        List<Integer> wShape = new ArrayList<>(List.of(outC, inC / groups));
        wShape.addAll(kernel);
        ParamTensor weight = params.add(weightName, true, wShape.toArray(Integer[]::new));
        Optional<ParamTensor> bias = biasName.map(n -> params.add(n, true, outC));
        emit(new ConvOp(current.name(), p.buffer(), out(), inC, outC, groups, p.h(), p.w(), weight, bias,
                fusedPart(act)));
        softmaxAfter(act);
    }

    @Override
    public Void visitConv(Conv layer) {
        String n = layer.name();
        conv(n + ".weight", layer.bias() ? Optional.of(n + ".bias") : Optional.empty(), current.input().channels(),
                layer.filters(), layer.groups(), layer.kernel(), layer.paddingMode(), layer.activation());
        return null;
    }

    @Override
    public Void visitDepthwiseConv2d(DepthwiseConv2d layer) {
        String n = layer.name();
        int c = current.input().channels();
        conv(n + ".weight", layer.bias() ? Optional.of(n + ".bias") : Optional.empty(), c, c * layer.multiplier(),
                c, layer.kernel(), layer.paddingMode(), layer.activation());
        return null;
    }

    @Override
    public Void visitSeparableConv2d(SeparableConv2d layer) {
        String n = layer.name();
        int c = current.input().channels();
        Padded p = padFor(in(0), current.windows(), fillOf(layer.paddingMode()), ".padded");
        ParamTensor dw = params.add(n + ".depthwise.weight", true, c, 1, layer.kernel().get(0), layer.kernel().get(1));
        Shape mid = Shape.of(c, current.output().spatial(0), current.output().spatial(1));
        Buffer midBuf = newBuffer(n + ".depthwise", mid);
        ops.add(new ConvOp(n, p.buffer(), midBuf, c, c, c, p.h(), p.w(), dw, Optional.empty(), Activation.NONE));
        ParamTensor pw = params.add(n + ".pointwise.weight", true, layer.filters(), c, 1, 1);
        Optional<ParamTensor> pb = layer.bias() ? Optional.of(params.add(n + ".pointwise.bias", true,
                layer.filters())) : Optional.empty();
        Window hw = new Window(mid.spatial(0), 1, 1, 1, mid.spatial(0), mid.spatial(0), 0, 0);
        Window ww = new Window(mid.spatial(1), 1, 1, 1, mid.spatial(1), mid.spatial(1), 0, 0);
        emit(new ConvOp(n, midBuf, out(), c, layer.filters(), 1, hw, ww, pw, pb, fusedPart(layer.activation())));
        softmaxAfter(layer.activation());
        return null;
    }

    @Override
    public Void visitPool(Pool layer) {
        PadFill fill = layer.kind() == PoolKind.MAX ? PadFill.NEGATIVE_INFINITY : PadFill.ZEROS;
        Padded p = padFor(in(0), current.windows(), fill, ".padded");
        emit(new PoolOp(current.name(), p.buffer(), out(), layer.kind(), current.input().channels(), p.h(), p.w(),
                layer.countIncludePad(), Activation.NONE));
        return null;
    }

    @Override
    public Void visitGlobalPool(GlobalPool layer) {
        Shape s = current.input();
        emit(new GlobalPoolOp(current.name(), in(0), out(), layer.kind(), s.channels(),
                (int) (s.size() / s.channels())));
        return null;
    }

    @Override
    public Void visitFlatten(Flatten layer) {
        alias();
        return null;
    }

    @Override
    public Void visitReshape(Reshape layer) {
        alias();
        return null;
    }

    @Override
    public Void visitDense(Dense layer) {
        String n = layer.name();
        int inF = (int) current.input().size();
        ParamTensor weight = params.add(n + ".weight", true, layer.units(), inF);
        Optional<ParamTensor> bias = layer.bias() ? Optional.of(params.add(n + ".bias", true, layer.units()))
                : Optional.empty();
        emit(new DenseOp(n, in(0), out(), inF, layer.units(), weight, bias, fusedPart(layer.activation())));
        softmaxAfter(layer.activation());
        return null;
    }

    @Override
    public Void visitActivation(ActivationLayer layer) {
        Activation act = layer.activation();
        if (act.isIdentity()) {
            alias();
            return null;
        }
        if (fuseIntoProducer(act)) {
            return null;
        }
        Shape s = current.output();
        emit(new ActivationOp(current.name(), in(0), out(), act, s.channels(), (int) (s.size() / s.channels())));
        return null;
    }

    /** Fuses {@code act} into the op producing this layer's only input when that op feeds nothing else. */
    private boolean fuseIntoProducer(Activation act) {
        String source = current.layer().meta().inputs().get(0);
        Integer index = producerOp.get(source);
        if (index == null || consumers.getOrDefault(source, 0) != 1 || act.kind() == Activation.Kind.SOFTMAX) {
            return false;
        }
        Op fused = FusedActivation.fuse(ops.get(index), act);
        if (fused == null) {
            return false;
        }
        ops.set(index, fused);
        producerOp.put(current.name(), index);
        outputs.put(current.name(), fused.output());
        return true;
    }

    @Override
    public Void visitDropout(Dropout layer) {
        emit(new DropoutOp(current.name(), in(0), out(), layer.rate()));
        return null;
    }

    @Override
    public Void visitBatchNorm(BatchNorm layer) {
        String n = layer.name();
        Shape s = current.input();
        int c = s.channels();
        ParamTensor w = params.add(n + ".weight", true, c);
        ParamTensor b = params.add(n + ".bias", true, c);
        ParamTensor mean = params.add(n + ".running_mean", false, c);
        ParamTensor var = params.add(n + ".running_var", false, c);
        emit(new BatchNormOp(n, in(0), out(), c, (int) (s.size() / c), w, b, mean, var, layer.eps(), layer.momentum(),
                Activation.NONE));
        return null;
    }

    @Override
    public Void visitAdd(Add layer) {
        emit(new AddOp(current.name(), inputs(layer), out()));
        return null;
    }

    @Override
    public Void visitConcat(Concat layer) {
        emit(new ConcatOp(current.name(), inputs(layer), out()));
        return null;
    }

    private List<Buffer> inputs(Layer layer) {
        List<Buffer> list = new ArrayList<>();
        for (int k = 0; k < layer.meta().inputs().size(); k++) {
            list.add(in(k));
        }
        return list;
    }
}
