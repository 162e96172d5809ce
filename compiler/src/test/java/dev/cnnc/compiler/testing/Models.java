package dev.cnnc.compiler.testing;

import dev.cnnc.compiler.codegen.GeneratedSource;
import dev.cnnc.compiler.codegen.GeneratorOptions;
import dev.cnnc.compiler.codegen.JavaGenerator;
import dev.cnnc.compiler.shape.ShapeChecker;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.model.NetworkSpec;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Generates, compiles and instantiates models for tests, and runs them through reflection. */
public final class Models {
    private final Object instance;
    private final Method forward;
    public final GeneratedSource source;
    public final InMemoryJavac.Result compiled;

    private Models(GeneratedSource source, InMemoryJavac.Result compiled, float[] params) {
        this.source = source;
        this.compiled = compiled;
        try {
            Class<?> cls = compiled.load(source.mainClass());
            Constructor<?> c = cls.getConstructor(float[].class);
            this.instance = c.newInstance((Object) params);
            this.forward = cls.getMethod("forward", float[].class, float[].class);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Shape-checks with the production checker; fails the test with the diagnostics if the spec is invalid. */
    public static TypedNetwork typed(NetworkSpec spec) {
        Diagnostics diagnostics = new Diagnostics();
        return new ShapeChecker().check(spec, diagnostics)
                .orElseThrow(() -> new AssertionError("invalid test network: " + diagnostics.all()));
    }

    public static Models build(NetworkSpec spec, GeneratorOptions options, float[] params) {
        GeneratedSource source = JavaGenerator.generate(typed(spec), options);
        return new Models(source, InMemoryJavac.compile(source.files()), params);
    }

    /** Compiles nothing: instantiates an already compiled model and runs one sample. */
    public static float[] run(GeneratedSource source, InMemoryJavac.Result compiled, float[] params, float[] input,
                              int outputSize) {
        return new Models(source, compiled, params).forward(input, outputSize);
    }

    public Object instance() {
        return instance;
    }

    public float[] forward(float[] input, int outputSize) {
        float[] out = new float[outputSize];
        try {
            forward.invoke(instance, input, out);
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
