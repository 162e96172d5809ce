package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.compiler.testing.InMemoryJavac;
import dev.cnnc.compiler.testing.Models;
import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.compiler.testing.Trainables;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.NetworkSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batch forward runs {@code CHUNK} samples through each layer together ({@link ChunkPlan}):
 * it must give every sample exactly what the one-sample forward gives (the same sums in the same
 * order), for batches that fill chunks, leave a partial last chunk, or are smaller than one.
 */
class ChunkedForwardTest {
    private static final Activation RELU = Nets.act(Activation.Kind.RELU);

    /** The 1-D example's shape: rows of 122 and 57 columns, short enough to chunk. */
    static NetworkSpec net1d() {
        return Nets.input("seq", 1, 64).add("conv1", Nets.conv1d(8, 7, 1, 0, RELU))
                .add("pool", Nets.maxpool(1, 2)).add("conv2", Nets.conv1d(16, 5, 1, 2, RELU))
                .add("flat", Flatten::new).add("fc", m -> new Dense(m, 5, true, Nets.act(Activation.Kind.IDENTITY))).spec();
    }

    @Test
    void shortRowsAreChunkedLongRowsAreNot() {
        ModelIr shortRows = Lowering.lower(Models.typed(net1d()));
        int chunk = ChunkPlan.samplesPerChunk(shortRows, UnrollMode.KERNEL);
        // conv2's row is 26 columns: (448 / 26) rounds up past the cap
        assertEquals(ChunkPlan.MAX_CHUNK, chunk);
        assertEquals(1, ChunkPlan.samplesPerChunk(shortRows, UnrollMode.NONE), "only the column kernel chunks");
        assertEquals(1, ChunkPlan.samplesPerChunk(shortRows, UnrollMode.FULL));
        NetworkSpec wide = Nets.input("wide", 3, 32, 32).add("c", Nets.conv2d(8, 3, 1, 1, RELU))
                .add("flat", Flatten::new).add("fc", m -> new Dense(m, 2, true, Nets.act(Activation.Kind.IDENTITY))).spec();
        // (32 - 1) * 34 + 32 = 1086 columns
        assertEquals(1, ChunkPlan.samplesPerChunk(Lowering.lower(Models.typed(wide)), UnrollMode.KERNEL));
        NetworkSpec big = Nets.input("big", 64, 8, 8).add("c", Nets.conv2d(512, 3, 1, 1, RELU))
                .add("flat", Flatten::new).add("fc", m -> new Dense(m, 2, true, Nets.act(Activation.Kind.IDENTITY))).spec();
        // short rows (78 columns), but 512 x 10 x 10 floats of activations per sample: 200 KiB
        assertEquals(2, ChunkPlan.samplesPerChunk(Lowering.lower(Models.typed(big)), UnrollMode.KERNEL));
    }

    private static final AtomicInteger CHUNKED_NETS = new AtomicInteger();

    /** The random networks must include chunked ones, or the parameterized test proves nothing. */
    @AfterAll
    static void someRandomNetsWereChunked() {
        assertTrue(CHUNKED_NETS.get() >= 2, "chunked nets: " + CHUNKED_NETS);
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 12).mapToObj(i -> 2000L + i);
    }

    /** Random small networks of every layer kind (the differential test's generator). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void batchEqualsOneSampleAtATime(long seed) throws Exception {
        Random r = new Random(seed);
        TypedNetwork typed = RandomNetworkDifferentialTest.randomValidNetwork(r);
        assertBatchMatchesSingle(Lowering.lower(typed), r);
    }

    @Test
    void batchEqualsOneSampleAtATimeOnAChunkedNet() throws Exception {
        ModelIr ir = Lowering.lower(Models.typed(net1d()));
        assertEquals(ChunkPlan.MAX_CHUNK, assertBatchMatchesSingle(ir, new Random(5)));
    }

    /** Returns the model's CHUNK. */
    private static int assertBatchMatchesSingle(ModelIr ir, Random r) throws Exception {
        float[] params = params(ir, r);
        GeneratedSource source = JavaGenerator.generate(ir, GeneratorOptions.defaults());
        Class<?> cls = InMemoryJavac.compile(source.files()).load(source.mainClass());
        Field chunkField = cls.getDeclaredField("CHUNK");
        chunkField.setAccessible(true);
        int chunk = chunkField.getInt(null);
        if (chunk > 1) {
            CHUNKED_NETS.incrementAndGet();
        }
        int in = (int) ir.inputShape().size();
        int out = (int) ir.outputShape().size();
        Object model = cls.getConstructor(float[].class).newInstance((Object) params);
        Method one = cls.getMethod("forward", float[].class, float[].class);
        Method batch = cls.getMethod("forward", float[].class, float[].class, int.class);
        for (int n : new int[] {1, Math.max(1, chunk - 1), chunk, 2 * chunk + 3}) {
            float[] x = new float[n * in];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextFloat();
            }
            float[] y = new float[n * out];
            batch.invoke(model, x, y, n);
            for (int s = 0; s < n; s++) {
                float[] single = new float[out];
                one.invoke(model, Arrays.copyOfRange(x, s * in, (s + 1) * in), single);
                assertArrayEquals(single, Arrays.copyOfRange(y, s * out, (s + 1) * out),
                        "sample " + s + " of a batch of " + n + " (CHUNK " + chunk + ")");
            }
        }
        return chunk;
    }

    /** The training forward runs the same chunked kernels: its logits are the inference outputs. */
    @Test
    void trainingForwardEqualsInference() throws Exception {
        ModelIr ir = Lowering.lower(Models.typed(net1d()));
        Random r = new Random(9);
        float[] params = params(ir, r);
        Trainables t = Trainables.build(net1d(), GeneratorOptions.defaults(), params);
        Models m = Models.build(net1d(), GeneratorOptions.defaults(), params);
        int n = ChunkPlan.MAX_CHUNK + 3;
        float[] x = new float[n * t.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        float[] logits = t.forwardTrain(x, n, false);
        for (int s = 0; s < n; s++) {
            float[] single = m.forward(Arrays.copyOfRange(x, s * t.inputSize(), (s + 1) * t.inputSize()),
                    t.outputSize());
            float[] trained = Arrays.copyOfRange(logits, s * t.outputSize(), (s + 1) * t.outputSize());
            assertArrayEquals(single, trained, "sample " + s);
        }
    }

    /**
     * The backward runs dx of {@code CHUNK} samples at a time: each sample's input gradient must be
     * what a batch of that one sample gives (the parameter gradients, sums over the batch, are
     * checked against PyTorch and finite differences elsewhere).
     */
    @Test
    void inputGradientsOfABatchEqualThoseOfEachSample() {
        ModelIr ir = Lowering.lower(Models.typed(net1d()));
        Random r = new Random(13);
        Trainables t = Trainables.build(net1d(), GeneratorOptions.defaults(), params(ir, r));
        int n = ChunkPlan.MAX_CHUNK + 3;
        int in = t.inputSize();
        int out = t.outputSize();
        float[] x = new float[n * in];
        float[] g = new float[n * out];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) r.nextGaussian();
        }
        t.forwardTrain(x, n, false);
        t.backward(g, n);
        float[] batch = t.inputGradients(n);
        for (int s = 0; s < n; s++) {
            t.forwardTrain(Arrays.copyOfRange(x, s * in, (s + 1) * in), 1, false);
            t.backward(Arrays.copyOfRange(g, s * out, (s + 1) * out), 1);
            assertArrayEquals(t.inputGradients(1), Arrays.copyOfRange(batch, s * in, (s + 1) * in), "sample " + s);
        }
    }

    private static float[] params(ModelIr ir, Random r) {
        float[] p = new float[ir.paramCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) r.nextGaussian() * 0.3f;
        }
        ir.params().stream().filter(t -> t.name().endsWith(".running_var"))
                .forEach(t -> Arrays.fill(p, t.offset(), t.end(), 1.5f));
        return p;
    }
}
