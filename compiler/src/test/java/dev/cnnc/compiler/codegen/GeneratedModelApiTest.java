package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.ir.ParamTensor;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.compiler.testing.InMemoryJavac;
import dev.cnnc.compiler.testing.Models;
import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.compiler.testing.Safetensors;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.BatchNorm;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.NetworkSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public surface of a generated model (contract §4): constants, loading, forward variants, main. */
class GeneratedModelApiTest {
    private static final List<String> LABELS = List.of("zero", "one", "two", "three");

    static NetworkSpec spec(String name, List<String> labels) {
        return Nets.input(name, 1, 8, 8).normalize(List.of(0.5), List.of(0.25)).classes(labels)
                .add("c1", Nets.conv2d(3, 3, 1, 1, Activation.of(Activation.Kind.RELU)))
                .add("bn", m -> new BatchNorm(m, 0.1, 1e-5))
                .add("p1", Nets.maxpool(2, 2))
                .add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, labels.size(), true, Activation.of(Activation.Kind.SOFTMAX)))
                .spec();
    }

    static float[] randomParams(ModelIr ir, long seed) {
        Random r = new Random(seed);
        float[] p = new float[ir.paramCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) r.nextGaussian() * 0.5f;
        }
        for (ParamTensor t : ir.params()) {
            if (t.name().endsWith("running_var")) {
                java.util.Arrays.fill(p, t.offset(), t.end(), 2f);
            }
        }
        return p;
    }

    /** The generated class's {@code main(args)}, with what it printed to {@code System.out}. */
    static String runMain(Class<?> cls, String... args) throws Throwable {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            call(cls, null, "main", new Class<?>[] {String[].class}, (Object) args);
        } finally {
            System.setOut(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    static Object call(Class<?> cls, Object target, String name, Class<?>[] types, Object... args) throws Throwable {
        Method m = cls.getMethod(name, types);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void constantsLoadingAndForwardVariants(@TempDir Path dir) throws Throwable {
        NetworkSpec spec = spec("tiny", LABELS);
        TypedNetwork typed = Models.typed(spec);
        ModelIr ir = Lowering.lower(typed);
        float[] params = randomParams(ir, 3);
        GeneratedSource source = JavaGenerator.generate(typed, GeneratorOptions.defaults().withPackage("cnnc.generated"));
        assertEquals("cnnc.generated.Tiny", source.mainClass());
        assertTrue(source.files().containsKey("cnnc/generated/Tiny.java"));
        Class<?> cls = InMemoryJavac.compile(source.files()).load(source.mainClass());
        assertEquals(List.of(1, 8, 8), cls.getField("INPUT_SHAPE").get(null));
        assertEquals(List.of(4), cls.getField("OUTPUT_SHAPE").get(null));
        assertEquals(64, cls.getField("INPUT_SIZE").get(null));
        assertEquals(4, cls.getField("OUTPUT_SIZE").get(null));
        assertEquals(ir.paramCount(), cls.getField("PARAM_COUNT").get(null));
        assertEquals(LABELS, cls.getField("LABELS").get(null));

        Object direct = cls.getConstructor(float[].class).newInstance((Object) params);
        Path file = dir.resolve("w.safetensors");
        Files.write(file, Safetensors.write(ir.params(), params));
        Object loaded = call(cls, null, "load", new Class<?>[] {Path.class}, file);
        Object streamed = call(cls, null, "load", new Class<?>[] {InputStream.class},
                new ByteArrayInputStream(Files.readAllBytes(file)));

        float[] x = new float[64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 9) / 9f;
        }
        float[] expected = (float[]) call(cls, direct, "predict", new Class<?>[] {float[].class}, (Object) x);
        assertArrayEquals(expected, (float[]) call(cls, loaded, "predict", new Class<?>[] {float[].class}, (Object) x));
        assertArrayEquals(expected, (float[]) call(cls, streamed, "predict", new Class<?>[] {float[].class},
                (Object) x));
        int best = 0;
        for (int i = 1; i < expected.length; i++) {
            best = expected[i] > expected[best] ? i : best;
        }
        assertEquals(best, call(cls, direct, "classify", new Class<?>[] {float[].class}, (Object) x));
        assertEquals(LABELS.get(2), call(cls, null, "label", new Class<?>[] {int.class}, 2));

        float[] batchIn = new float[128];
        System.arraycopy(x, 0, batchIn, 64, 64);
        float[] batchOut = new float[8];
        call(cls, direct, "forward", new Class<?>[] {float[].class, float[].class, int.class}, batchIn, batchOut, 2);
        float[] second = new float[4];
        System.arraycopy(batchOut, 4, second, 0, 4);
        assertArrayEquals(expected, second);
        assertThrows(IllegalArgumentException.class, () -> call(cls, direct, "forward",
                new Class<?>[] {float[].class, float[].class}, new float[63], new float[4]));
    }

    @Test
    void badWeightFilesAreReportedByTensorName(@TempDir Path dir) throws Throwable {
        TypedNetwork typed = Models.typed(spec("tiny", LABELS));
        ModelIr ir = Lowering.lower(typed);
        float[] params = randomParams(ir, 3);
        GeneratedSource source = JavaGenerator.generate(typed, GeneratorOptions.defaults());
        Class<?> cls = InMemoryJavac.compile(source.files()).load(source.mainClass());
        List<ParamTensor> missing = new ArrayList<>(ir.params());
        missing.remove(1);
        Path file = dir.resolve("missing.safetensors");
        Files.write(file, Safetensors.write(missing, params));
        IOException e = assertThrows(IOException.class, () -> call(cls, null, "load", new Class<?>[] {Path.class},
                file));
        assertTrue(e.getMessage().contains("missing tensor 'c1.bias' of shape [3]"), e.getMessage());

        List<ParamTensor> reshaped = new ArrayList<>(ir.params());
        ParamTensor w = reshaped.get(0);
        reshaped.set(0, new ParamTensor(w.name(), List.of(3, 9), w.offset(), true));
        Files.write(file, Safetensors.write(reshaped, params));
        e = assertThrows(IOException.class, () -> call(cls, null, "load", new Class<?>[] {Path.class}, file));
        assertTrue(e.getMessage().contains("tensor 'c1.weight' has shape [3, 9], expected [3, 1, 3, 3]"),
                e.getMessage());

        Files.write(file, new byte[] {1, 2, 3});
        e = assertThrows(IOException.class, () -> call(cls, null, "load", new Class<?>[] {Path.class}, file));
        assertTrue(e.getMessage().contains("not a safetensors file"), e.getMessage());
    }

    @Test
    void embeddedWeightsGiveTheSameModel() throws Throwable {
        TypedNetwork typed = Models.typed(spec("tiny", LABELS));
        ModelIr ir = Lowering.lower(typed);
        float[] params = randomParams(ir, 5);
        GeneratedSource plain = JavaGenerator.generate(typed, GeneratorOptions.defaults());
        GeneratedSource embedded = JavaGenerator.generate(typed,
                GeneratorOptions.defaults().withEmbeddedWeights(params));
        Class<?> plainCls = InMemoryJavac.compile(plain.files()).load(plain.mainClass());
        Class<?> cls = InMemoryJavac.compile(embedded.files()).load(embedded.mainClass());
        Object a = plainCls.getConstructor(float[].class).newInstance((Object) params);
        Object b = call(cls, null, "embedded", new Class<?>[0]);
        float[] x = new float[64];
        java.util.Arrays.fill(x, 0.3f);
        assertArrayEquals((float[]) call(plainCls, a, "predict", new Class<?>[] {float[].class}, (Object) x),
                (float[]) call(cls, b, "predict", new Class<?>[] {float[].class}, (Object) x));
        assertThrows(IllegalStateException.class, () -> call(plainCls, null, "embedded", new Class<?>[0]));
    }

    @Test
    void embeddedWeightsAreChunkedStrings() {
        NetworkSpec spec = Nets.input("wide", 1, 64, 64)
                .add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, 64, true, Activation.NONE))
                .spec();
        TypedNetwork typed = Models.typed(spec);
        float[] params = randomParams(Lowering.lower(typed), 1);
        GeneratedSource source = JavaGenerator.generate(typed, GeneratorOptions.defaults().withEmbeddedWeights(params));
        String text = source.mainSource();
        assertTrue(text.contains("Weights0") && text.split("\"", -1).length > 10, "chunked holders expected");
        for (String literal : text.split("\"")) {
            assertTrue(literal.length() <= WeightsEmbedder.CHUNK, "string constant of " + literal.length());
        }
        InMemoryJavac.compile(source.files());
    }

    @Test
    void mainPrintsTheTopClassesOfAnImage(@TempDir Path dir) throws Throwable {
        TypedNetwork typed = Models.typed(spec("tiny", LABELS));
        ModelIr ir = Lowering.lower(typed);
        float[] params = randomParams(ir, 9);
        GeneratedSource source = JavaGenerator.generate(typed, GeneratorOptions.defaults());
        Class<?> cls = InMemoryJavac.compile(source.files()).load(source.mainClass());
        assertEquals(true, cls.getField("OUTPUTS_ARE_PROBABILITIES").getBoolean(null), "it ends in a softmax");
        Path weights = dir.resolve("w.safetensors");
        Files.write(weights, Safetensors.write(ir.params(), params));
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, x < 8 ? 0xFFFFFF : 0);
            }
        }
        Path png = dir.resolve("digit.png");
        ImageIO.write(image, "png", png.toFile());
        String out = runMain(cls, "--weights", weights.toString(), "--top", "2", png.toString());
        assertTrue(out.startsWith(png + ":"), out);
        assertEquals(3, out.strip().split("\n").length, out);
    }

    /**
     * A network ending in logits: main shows their softmax (what {@code cnnc predict} shows), so the
     * values of all classes are probabilities summing to 1, in the order of the outputs.
     */
    @Test
    void mainShowsProbabilitiesForANetworkEndingInLogits(@TempDir Path dir) throws Throwable {
        NetworkSpec logits = Nets.input("logits", 1, 8, 8).classes(LABELS)
                .add("c1", Nets.conv2d(3, 3, 1, 1, Activation.of(Activation.Kind.RELU)))
                .add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, LABELS.size(), true, Activation.of(Activation.Kind.IDENTITY))).spec();
        TypedNetwork typed = Models.typed(logits);
        ModelIr ir = Lowering.lower(typed);
        float[] params = randomParams(ir, 4);
        GeneratedSource source = JavaGenerator.generate(typed, GeneratorOptions.defaults());
        Class<?> cls = InMemoryJavac.compile(source.files()).load(source.mainClass());
        assertEquals(false, cls.getField("OUTPUTS_ARE_PROBABILITIES").getBoolean(null));
        Path weights = dir.resolve("w.safetensors");
        Files.write(weights, Safetensors.write(ir.params(), params));
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.setRGB(x, y, (x + y) % 3 == 0 ? 0xFFFFFF : 0x202020);
            }
        }
        Path png = dir.resolve("pattern.png");
        ImageIO.write(image, "png", png.toFile());
        String[] lines = runMain(cls, "--weights", weights.toString(), "--top", "4", png.toString()).strip()
                .split("\n");
        assertEquals(5, lines.length, String.join("\n", lines));
        double sum = 0;
        double previous = 1;
        for (int k = 1; k < lines.length; k++) {
            double p = Double.parseDouble(lines[k].strip().split("\\s+")[1]);
            assertTrue(p >= 0 && p <= previous, lines[k]);
            previous = p;
            sum += p;
        }
        assertEquals(1.0, sum, 1e-3, "probabilities of all four classes");
        assertTrue(previous < 0.999, "the test needs outputs that are not one-hot");
    }

    /** {@code java Tiny.java --weights W IMAGE}: the source runs as a single-file program with the JDK alone. */
    @Test
    void runsAsSingleFileSourceProgram(@TempDir Path dir) throws Exception {
        TypedNetwork typed = Models.typed(spec("tiny", LABELS));
        ModelIr ir = Lowering.lower(typed);
        GeneratedSource source = JavaGenerator.generate(typed, GeneratorOptions.defaults());
        Path java = dir.resolve("Tiny.java");
        Files.writeString(java, source.mainSource());
        Path weights = dir.resolve("w.safetensors");
        Files.write(weights, Safetensors.write(ir.params(), randomParams(ir, 4)));
        Path png = dir.resolve("x.png");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(launcher.toString(), "-Djava.awt.headless=true", java.toString(),
                "--weights", weights.toString(), png.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.startsWith(png + ":") && LABELS.stream().allMatch(out::contains), out);
    }

    @Test
    void classNameCanBeOverriddenButMustBeAValidFreeName() {
        TypedNetwork typed = Models.typed(spec("tiny", LABELS));
        GeneratedSource source = JavaGenerator.generate(typed, GeneratorOptions.defaults().withClassName("MyNet"));
        assertEquals("MyNet", source.mainClass());
        InMemoryJavac.compile(source.files());
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults().withClassName("my-net"));
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults().withClassName("class"));
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults().withPackage("a..b"));
        assertThrows(IllegalArgumentException.class, () -> JavaGenerator.generate(typed,
                GeneratorOptions.defaults().withClassName("Math")));
    }

    /** forward allocates nothing: measured with the JDK's per-thread allocation counter after warm-up. */
    @Test
    void forwardAllocatesNothing() throws Throwable {
        TypedNetwork typed = Models.typed(spec("tiny", LABELS));
        ModelIr ir = Lowering.lower(typed);
        GeneratedSource source = JavaGenerator.generate(typed, GeneratorOptions.defaults());
        Class<?> cls = InMemoryJavac.compile(source.files()).load(source.mainClass());
        Object model = cls.getConstructor(float[].class).newInstance((Object) randomParams(ir, 1));
        java.lang.invoke.MethodHandle forward = java.lang.invoke.MethodHandles.publicLookup()
                .findVirtual(cls, "forward", java.lang.invoke.MethodType.methodType(void.class, float[].class,
                        float[].class)).asType(java.lang.invoke.MethodType.methodType(void.class, Object.class,
                        float[].class, float[].class));
        float[] x = new float[64];
        float[] y = new float[4];
        for (int i = 0; i < 20_000; i++) {
            forward.invokeExact(model, x, y);
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1000; i++) {
            forward.invokeExact(model, x, y);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 1000, allocated + " bytes allocated by 1000 forward calls");
    }
}
