package dev.cnnc.runtime.compile;

import dev.cnnc.compiler.ir.ParamTensor;
import dev.cnnc.compiler.shape.Shape;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A loaded generated model class, bound through method handles: the generated class depends
 * on the JDK only, so cnnc cannot call it through an interface. Binding checks that the class
 * has the public members of the generated-code contract (a constructor from the flat
 * parameter array, {@code forward} for one sample and for a batch, and the constants
 * {@code INPUT_SHAPE}, {@code OUTPUT_SHAPE} (a {@code List<Integer>} or {@code int[]}),
 * {@code INPUT_SIZE}, {@code OUTPUT_SIZE}, {@code PARAM_COUNT}, {@code LABELS} (a
 * {@code List<String>} or {@code String[]})); a missing one is a cnnc bug.
 */
public final class ModelClass {
    private static final MethodType FORWARD = MethodType.methodType(void.class, float[].class, float[].class);
    private static final MethodType FORWARD_BATCH = FORWARD.appendParameterTypes(int.class);

    private final Class<?> type;
    private final MethodHandle constructor;
    private final MethodHandle forward;
    private final MethodHandle forwardBatch;
    private final Shape inputShape;
    private final Shape outputShape;
    private final int inputSize;
    private final int outputSize;
    private final int paramCount;
    private final List<String> labels;
    private final List<ParamTensor> params;

    /**
     * @param params the parameter tensors of the model (from the lowering), in flat-array order;
     *               they must tile {@code [0, PARAM_COUNT)} exactly
     */
    public ModelClass(Class<?> type, List<ParamTensor> params) {
        this.type = Objects.requireNonNull(type, "type");
        this.params = List.copyOf(params);
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new IllegalStateException("generated class " + type.getName() + " is not public");
        }
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            constructor = lookup.findConstructor(type, MethodType.methodType(void.class, float[].class))
                    .asType(MethodType.methodType(Object.class, float[].class));
            forward = lookup.findVirtual(type, "forward", FORWARD)
                    .asType(FORWARD.insertParameterTypes(0, Object.class));
            forwardBatch = lookup.findVirtual(type, "forward", FORWARD_BATCH)
                    .asType(FORWARD_BATCH.insertParameterTypes(0, Object.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("generated class " + type.getName()
                    + " lacks a public member of the generated-code contract: " + e.getMessage(), e);
        }
        inputShape = shape("INPUT_SHAPE");
        outputShape = shape("OUTPUT_SHAPE");
        inputSize = intConstant("INPUT_SIZE");
        outputSize = intConstant("OUTPUT_SIZE");
        paramCount = intConstant("PARAM_COUNT");
        labels = labels();
        check();
    }

    /** A new instance with the flat parameter array {@code params} ({@link #paramCount()} floats). */
    public CompiledModel instantiate(float[] params) {
        if (params.length != paramCount) {
            throw new IllegalArgumentException(type.getName() + " has " + paramCount
                    + " parameters, got an array of " + params.length);
        }
        try {
            return new Instance(constructor.invokeExact(params), params);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("constructor of " + type.getName() + " failed", e);
        }
    }

    /**
     * Whether the class was generated with the opt-in {@code jdk.incubator.vector} kernels (it
     * declares a {@code VectorSpecies} constant).
     */
    public boolean usesVectorApi() {
        return Arrays.stream(type.getDeclaredFields())
                .anyMatch(f -> f.getType().getName().equals(InMemoryCompiler.VECTOR_MODULE + ".VectorSpecies"));
    }

    public Class<?> type() {
        return type;
    }

    public int paramCount() {
        return paramCount;
    }

    public List<ParamTensor> paramTensors() {
        return params;
    }

    private void check() {
        if (inputShape.size() != inputSize || outputShape.size() != outputSize) {
            throw new IllegalStateException(type.getName() + ": INPUT_SHAPE/OUTPUT_SHAPE "
                    + inputShape + "/" + outputShape + " disagree with INPUT_SIZE/OUTPUT_SIZE "
                    + inputSize + "/" + outputSize);
        }
        int next = 0;
        for (ParamTensor p : params) {
            if (p.offset() != next) {
                throw new IllegalStateException("parameter " + p.name() + " starts at " + p.offset()
                        + ", expected " + next + " (tensors must tile the flat array)");
            }
            next += p.size();
        }
        if (next != paramCount) {
            throw new IllegalStateException("the parameter tensors hold " + next + " floats, "
                    + type.getName() + ".PARAM_COUNT is " + paramCount);
        }
    }

    private Object constant(String name) {
        try {
            Field f = type.getField(name);
            if (!Modifier.isStatic(f.getModifiers())) {
                throw new IllegalStateException(type.getName() + "." + name + " is not static");
            }
            return f.get(null);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException("generated class " + type.getName()
                    + " lacks the public constant " + name, e);
        }
    }

    private int intConstant(String name) {
        Object value = constant(name);
        if (value instanceof Number n) {
            return Math.toIntExact(n.longValue());
        }
        throw new IllegalStateException(type.getName() + "." + name + " is not a number: " + value);
    }

    private Shape shape(String name) {
        Object value = constant(name);
        if (value instanceof int[] dims) {
            return Shape.of(dims.clone());
        }
        if (value instanceof List<?> list && list.stream().allMatch(Integer.class::isInstance)) {
            return new Shape(list.stream().map(Integer.class::cast).toList());
        }
        throw new IllegalStateException(type.getName() + "." + name + " is neither a List<Integer> nor an int[]: "
                + value);
    }

    private List<String> labels() {
        Object value = constant("LABELS");
        if (value == null) {
            return List.of();
        }
        if (value instanceof String[] names) {
            return List.of(names);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new IllegalStateException(type.getName() + ".LABELS is neither a List<String> nor a String[]: " + value);
    }

    /** One instance of the generated class. */
    private final class Instance implements CompiledModel {
        private final Object model;
        private final float[] values;

        Instance(Object model, float[] values) {
            this.model = model;
            this.values = values;
        }

        @Override
        public String className() {
            return type.getName();
        }

        @Override
        public Shape inputShape() {
            return inputShape;
        }

        @Override
        public Shape outputShape() {
            return outputShape;
        }

        @Override
        public int inputSize() {
            return inputSize;
        }

        @Override
        public int outputSize() {
            return outputSize;
        }

        @Override
        public int paramCount() {
            return paramCount;
        }

        @Override
        public List<ParamTensor> paramTensors() {
            return params;
        }

        @Override
        public List<String> labels() {
            return labels;
        }

        @Override
        public void forward(float[] input, float[] output) {
            checkLengths(input, output, 1);
            try {
                forward.invokeExact(model, input, output);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void forward(float[] input, float[] output, int batch) {
            checkLengths(input, output, batch);
            try {
                forwardBatch.invokeExact(model, input, output, batch);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public CompiledModel newInstance() {
            return instantiate(values);
        }

        @Override
        public String toString() {
            return type.getName() + Arrays.toString(new int[] {inputSize, outputSize, paramCount});
        }
    }

    private void checkLengths(float[] input, float[] output, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive, got " + batch);
        }
        if (input.length < (long) batch * inputSize || output.length < (long) batch * outputSize) {
            throw new IllegalArgumentException("a batch of " + batch + " needs " + (long) batch * inputSize
                    + " input and " + (long) batch * outputSize + " output floats, got "
                    + input.length + " and " + output.length);
        }
    }
}
