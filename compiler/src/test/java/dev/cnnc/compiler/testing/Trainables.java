package dev.cnnc.compiler.testing;

import dev.cnnc.compiler.codegen.GeneratedSource;
import dev.cnnc.compiler.codegen.GeneratorOptions;
import dev.cnnc.compiler.codegen.JavaGenerator;
import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.spec.model.NetworkSpec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** A generated model with its training members, called through reflection. */
public final class Trainables {
    public final ModelIr ir;
    public final GeneratedSource source;
    public final InMemoryJavac.Result compiled;
    private final Object instance;
    private final Class<?> cls;

    private Trainables(ModelIr ir, GeneratedSource source, InMemoryJavac.Result compiled, float[] params) {
        this.ir = ir;
        this.source = source;
        this.compiled = compiled;
        try {
            cls = compiled.load(source.mainClass());
            instance = cls.getConstructor(float[].class).newInstance((Object) params);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    public static Trainables build(NetworkSpec spec, GeneratorOptions options, float[] params) {
        ModelIr ir = Lowering.lower(Models.typed(spec));
        GeneratedSource source = JavaGenerator.generateTrainable(ir, options);
        return new Trainables(ir, source, InMemoryJavac.compile(source.files()), params);
    }

    private Object call(String name, Class<?>[] types, Object... args) {
        try {
            Method m = cls.getMethod(name, types);
            return m.invoke(instance, args);
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    public int outputSize() {
        return (int) ir.outputShape().size();
    }

    public int inputSize() {
        return (int) ir.inputShape().size();
    }

    /** Logits of {@code batch} samples (training: batch statistics, dropout active). */
    public float[] forwardTrain(float[] inputs, int batch, boolean training) {
        float[] out = new float[batch * outputSize()];
        call("forwardTrain", new Class<?>[] {float[].class, int.class, float[].class, boolean.class}, inputs, batch,
                out, training);
        return out;
    }

    /** dL/dparams from dL/dlogits of the last forwardTrain. */
    public float[] backward(float[] gradOutputs, int batch) {
        float[] grads = new float[ir.paramCount()];
        call("backward", new Class<?>[] {float[].class, int.class, float[].class}, gradOutputs, batch, grads);
        return grads;
    }

    public float[] inputGradients(int batch) {
        float[] g = new float[batch * inputSize()];
        call("inputGradients", new Class<?>[] {float[].class}, (Object) g);
        return g;
    }

    public float[] parameters() {
        return (float[]) call("parameters", new Class<?>[0]);
    }

    public void setDropoutSeed(long seed) {
        call("setDropoutSeed", new Class<?>[] {long.class}, seed);
    }

    /** Inference forward of one sample. */
    public float[] forward(float[] input) {
        float[] out = new float[outputSize()];
        call("forward", new Class<?>[] {float[].class, float[].class}, input, out);
        return out;
    }

    public boolean logitsBeforeSoftmax() {
        try {
            return cls.getField("LOGITS_BEFORE_SOFTMAX").getBoolean(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
