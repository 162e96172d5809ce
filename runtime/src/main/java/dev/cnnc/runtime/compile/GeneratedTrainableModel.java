package dev.cnnc.runtime.compile;

import dev.cnnc.compiler.codegen.UnrollMode;
import dev.cnnc.compiler.ir.BatchNormOp;
import dev.cnnc.compiler.ir.ConvOp;
import dev.cnnc.compiler.ir.DenseOp;
import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.ir.Op;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.runtime.train.ParamLayout;
import dev.cnnc.runtime.train.ParamTensor;
import dev.cnnc.runtime.train.TrainableModel;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link TrainableModel} over a generated model class with training members
 * ({@code JavaGenerator.generateTrainable}), bound through method handles like {@link ModelClass}.
 *
 * <p>The generated instance reads its own live parameter array ({@code parameters()}); the trainer
 * owns another. {@link #forward} copies the trainer's array in before running (a copy of
 * {@code PARAM_COUNT} floats, small next to a batch) and, in training, copies the batchnorm
 * running statistics the generated code updated back out, so the trainer's array stays the one
 * truth. {@link #backward} requires the parameters of the preceding {@link #forward}. The
 * outputs are the logits: for a network that ends in softmax, the values before it
 * ({@link #logitsBeforeSoftmax()}).
 */
public final class GeneratedTrainableModel implements TrainableModel {
    private static final MethodType FORWARD_TRAIN = MethodType.methodType(void.class, float[].class, int.class,
            float[].class, boolean.class);
    private static final MethodType BACKWARD = MethodType.methodType(void.class, float[].class, int.class,
            float[].class);
    private final Object instance;
    private final ParamLayout layout;
    private final List<ParamTensor> runningStats;
    private final float[] live;
    private final MethodHandle forwardTrain;
    private final MethodHandle backward;
    private final MethodHandle inputGradients;
    private final MethodHandle setDropoutSeed;
    private final int inputSize;
    private final int outputSize;
    private final boolean logitsBeforeSoftmax;

    /** Binds {@code type}, generated with training members from {@code ir}, and creates an instance with zero parameters. */
    public GeneratedTrainableModel(Class<?> type, ModelIr ir) {
        Objects.requireNonNull(type, "type");
        this.layout = layoutOf(ir);
        this.runningStats = layout.tensors().stream().filter(t -> !t.kind().trainable()).toList();
        this.inputSize = (int) ir.inputShape().size();
        this.outputSize = (int) ir.outputShape().size();
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            instance = lookup.findConstructor(type, MethodType.methodType(void.class, float[].class))
                    .invoke(new float[ir.paramCount()]);
            forwardTrain = lookup.findVirtual(type, "forwardTrain", FORWARD_TRAIN).bindTo(instance);
            backward = lookup.findVirtual(type, "backward", BACKWARD).bindTo(instance);
            inputGradients = lookup.findVirtual(type, "inputGradients",
                    MethodType.methodType(void.class, float[].class)).bindTo(instance);
            setDropoutSeed = lookup.findVirtual(type, "setDropoutSeed",
                    MethodType.methodType(void.class, long.class)).bindTo(instance);
            live = (float[]) lookup.findVirtual(type, "parameters", MethodType.methodType(float[].class))
                    .invoke(instance);
            logitsBeforeSoftmax = type.getField("LOGITS_BEFORE_SOFTMAX").getBoolean(null);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("generated class " + type.getName()
                    + " lacks a training member (was it generated with generateTrainable?): " + e.getMessage(), e);
        }
    }

    /** Generates (with training members), compiles or finds in the loader's cache, and binds {@code network}. */
    public static GeneratedTrainableModel load(ModelLoader loader, TypedNetwork network, UnrollMode unroll) {
        ModelSource source = loader.trainableSource(network, unroll);
        return new GeneratedTrainableModel(loader.loadClass(source).type(), Lowering.lower(network));
    }

    /**
     * The trainer's parameter layout of a lowered model: the compiler's tensors (names, shapes,
     * offsets) with their kind — conv/dense weight and bias, batchnorm weight, bias and running
     * statistics. The one place where the compiler's {@code ParamTensor} becomes the trainer's.
     */
    public static ParamLayout layoutOf(ModelIr ir) {
        Map<String, ParamTensor.Kind> kinds = new HashMap<>();
        for (Op op : ir.ops()) {
            if (op instanceof ConvOp c) {
                kinds.put(c.weight().name(), ParamTensor.Kind.WEIGHT);
                c.bias().ifPresent(b -> kinds.put(b.name(), ParamTensor.Kind.BIAS));
            } else if (op instanceof DenseOp d) {
                kinds.put(d.weight().name(), ParamTensor.Kind.WEIGHT);
                d.bias().ifPresent(b -> kinds.put(b.name(), ParamTensor.Kind.BIAS));
            } else if (op instanceof BatchNormOp b) {
                kinds.put(b.weight().name(), ParamTensor.Kind.NORM_WEIGHT);
                kinds.put(b.bias().name(), ParamTensor.Kind.NORM_BIAS);
                kinds.put(b.runningMean().name(), ParamTensor.Kind.RUNNING_MEAN);
                kinds.put(b.runningVar().name(), ParamTensor.Kind.RUNNING_VAR);
            }
        }
        List<ParamTensor> tensors = new ArrayList<>();
        for (dev.cnnc.compiler.ir.ParamTensor t : ir.params()) {
            ParamTensor.Kind kind = kinds.get(t.name());
            if (kind == null) {
                throw new IllegalStateException("no op reads parameter " + t.name());
            }
            tensors.add(new ParamTensor(t.name(), t.shape().stream().mapToInt(Integer::intValue).toArray(),
                    t.offset(), kind));
        }
        return new ParamLayout(tensors);
    }

    @Override
    public ParamLayout layout() {
        return layout;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    /** Whether outputs and output gradients are the values before the network's final softmax. */
    public boolean logitsBeforeSoftmax() {
        return logitsBeforeSoftmax;
    }

    @Override
    public void forward(float[] params, float[] inputs, int batch, float[] outputs, boolean training) {
        layout.requireLength(params);
        System.arraycopy(params, 0, live, 0, live.length);
        // direct calls and an index loop, no lambda or iterator: a training step allocates nothing
        try {
            forwardTrain.invoke(inputs, batch, outputs, training);
        } catch (Throwable e) {
            throw unchecked(e);
        }
        if (training) {
            for (int i = 0; i < runningStats.size(); i++) {
                ParamTensor t = runningStats.get(i);
                System.arraycopy(live, t.offset(), params, t.offset(), t.size());
            }
        }
    }

    @Override
    public void backward(float[] params, float[] gradOutputs, int batch, float[] grads) {
        layout.requireLength(params);
        try {
            backward.invoke(gradOutputs, batch, grads);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** dL/d(input) per sample of the last {@link #backward}: {@code batch × inputSize()} floats into {@code out}. */
    public void inputGradients(float[] out) {
        try {
            inputGradients.invoke(out);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    @Override
    public void setDropoutSeed(long seed) {
        try {
            setDropoutSeed.invoke(seed);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** What a generated method threw, as thrown: runtime exceptions and errors as they are, anything else wrapped. */
    private static RuntimeException unchecked(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(e);
    }
}
