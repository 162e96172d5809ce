package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.shape.ShapeChecker;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.compiler.testing.Models;
import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.ActivationLayer;
import dev.cnnc.spec.model.BatchNorm;
import dev.cnnc.spec.model.Conv;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.DepthwiseConv2d;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.LayerMeta;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.Pool;
import dev.cnnc.spec.model.PoolKind;
import dev.cnnc.spec.model.SeparableConv2d;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rolled ({@link UnrollMode#NONE}) and unrolled ({@link UnrollMode#KERNEL}, {@link UnrollMode#FULL})
 * code, and the opt-in vector kernels ({@link GeneratorOptions#vectorApi()}), must compute the
 * same function: random small networks (seeded) over every window option
 * (kernel, stride, dilation, asymmetric padding, padding modes, groups, ceil mode, divisors).
 */
class RandomNetworkDifferentialTest {
    private static final int NETWORKS = 16;

    static Stream<Long> seeds() {
        return IntStream.range(0, NETWORKS).mapToObj(i -> 1000L + i);
    }

    private static final AtomicInteger VECTOR_NETS = new AtomicInteger();

    /** Some random networks must have rows long enough for the vector kernels, or that variant is not tested. */
    @AfterAll
    static void someNetworksUsedTheVectorKernels() {
        assertTrue(VECTOR_NETS.get() >= 2, "networks with vector kernels: " + VECTOR_NETS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void unrollModesAgree(long seed) {
        Random r = new Random(seed);
        TypedNetwork typed = randomValidNetwork(r);
        ModelIr ir = Lowering.lower(typed);
        float[] params = new float[ir.paramCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) r.nextGaussian() * 0.3f;
        }
        ir.params().stream().filter(t -> t.name().endsWith(".running_var"))
                .forEach(t -> Arrays.fill(params, t.offset(), t.end(), 0.5f + r.nextFloat()));
        float[] input = new float[(int) typed.input().size()];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) r.nextGaussian();
        }
        int outSize = (int) typed.output().size();
        float[] rolled = null;
        List<GeneratorOptions> variants = new ArrayList<>();
        for (UnrollMode mode : UnrollMode.values()) {
            variants.add(GeneratorOptions.defaults().withUnroll(mode));
        }
        variants.add(GeneratorOptions.defaults().withVectorApi(true));
        for (GeneratorOptions options : variants) {
            String mode = options.unroll() + (options.vectorApi() ? " --vector-api" : "");
            GeneratedSource source = JavaGenerator.generate(typed, options);
            if (options.vectorApi() && source.files().values().stream().anyMatch(t -> t.contains("FloatVector"))) {
                VECTOR_NETS.incrementAndGet();
            }
            float[] out = Models.run(source, dev.cnnc.compiler.testing.InMemoryJavac.compile(source.files()), params,
                    input, outSize);
            if (rolled == null) {
                rolled = out;
                continue;
            }
            for (int i = 0; i < outSize; i++) {
                assertTrue(Math.abs(out[i] - rolled[i]) <= 1e-4 + 1e-4 * Math.abs(rolled[i]),
                        mode + " output " + i + ": " + out[i] + " vs rolled " + rolled[i] + "\n" + describe(typed));
            }
        }
    }

    private static String describe(TypedNetwork n) {
        StringBuilder b = new StringBuilder("input " + n.input());
        n.layers().forEach(l -> b.append("\n  ").append(l.layer()).append(" -> ").append(l.output()));
        return b.toString();
    }

    /** Draws networks until the shape checker accepts one. */
    static TypedNetwork randomValidNetwork(Random r) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            NetworkSpec spec = randomNetwork(r);
            Optional<TypedNetwork> typed = new ShapeChecker().check(spec, new Diagnostics());
            if (typed.isPresent()) {
                return typed.get();
            }
        }
        throw new AssertionError("no valid random network in 1000 draws");
    }

    private static NetworkSpec randomNetwork(Random r) {
        boolean twoD = r.nextInt(3) > 0;
        int channels = 1 + r.nextInt(4);
        Nets net = twoD ? Nets.input("random", channels, 5 + r.nextInt(8), 5 + r.nextInt(8))
                : Nets.input("random", channels, 6 + r.nextInt(12));
        int layers = 1 + r.nextInt(3);
        int c = channels;
        for (int i = 0; i < layers; i++) {
            int choice = r.nextInt(twoD ? 6 : 3);
            int filters = r.nextInt(5) == 0 ? 24 + r.nextInt(20) : 1 + r.nextInt(6);
            switch (choice) {
                case 0 -> {
                    int groups = c % 2 == 0 && filters % 2 == 0 && r.nextBoolean() ? 2 : 1;
                    net.add("conv" + i, conv(r, twoD ? 2 : 1, filters, groups));
                    c = filters;
                }
                case 1 -> net.add("pool" + i, pool(r, twoD ? 2 : 1));
                case 2 -> {
                    net.add("act" + i, m -> new ActivationLayer(m, activation(r)));
                    if (r.nextBoolean()) {
                        net.add("bn" + i, m -> new BatchNorm(m, 0.1, 1e-5));
                    }
                }
                case 3 -> {
                    int mult = 1 + r.nextInt(2);
                    List<Integer> k = List.of(1 + r.nextInt(3), 1 + r.nextInt(3));
                    net.add("dw" + i, m -> new DepthwiseConv2d(m, k, mult, List.of(1, 1), padding(r, k, 2),
                            PaddingMode.ZEROS, List.of(1, 1), r.nextBoolean(), activation(r)));
                    c *= mult;
                }
                case 4 -> {
                    List<Integer> k = List.of(1 + r.nextInt(3), 1 + r.nextInt(3));
                    net.add("sep" + i, m -> new SeparableConv2d(m, filters, k, List.of(1 + r.nextInt(2), 1),
                            padding(r, k, 2), mode(r), List.of(1, 1), r.nextBoolean(), activation(r)));
                    c = filters;
                }
                default -> net.add("conv" + i, conv(r, 2, filters, 1));
            }
        }
        net.add("flat", Flatten::new);
        net.add("fc", m -> new Dense(m, 1 + r.nextInt(5), r.nextBoolean(),
                r.nextBoolean() ? Activation.of(Activation.Kind.SOFTMAX) : activation(r)));
        return net.spec();
    }

    private static Function<LayerMeta, Layer> conv(Random r, int rank, int filters, int groups) {
        List<Integer> k = new ArrayList<>();
        List<Integer> s = new ArrayList<>();
        List<Integer> d = new ArrayList<>();
        for (int a = 0; a < rank; a++) {
            k.add(1 + r.nextInt(4));
            s.add(1 + r.nextInt(2));
            d.add(1 + (r.nextInt(4) == 0 ? 1 : 0));
        }
        Padding p = padding(r, k, rank);
        PaddingMode mode = mode(r);
        boolean bias = r.nextBoolean();
        Activation act = activation(r);
        return m -> new Conv(m, rank, filters, k, s, p, mode, d, groups, bias, act);
    }

    private static Function<LayerMeta, Layer> pool(Random r, int rank) {
        PoolKind kind = PoolKind.values()[r.nextInt(3)];
        List<Integer> k = new ArrayList<>();
        List<Integer> s = new ArrayList<>();
        List<Integer> p = new ArrayList<>();
        for (int a = 0; a < rank; a++) {
            int size = 1 + r.nextInt(3);
            k.add(size);
            s.add(1 + r.nextInt(3));
            p.add(kind == PoolKind.L2 ? 0 : r.nextInt(size / 2 + 1));
        }
        boolean ceil = kind != PoolKind.L2 && r.nextBoolean();
        boolean incl = kind == PoolKind.AVG && r.nextBoolean();
        return m -> new Pool(m, kind, rank, k, s, new Padding.Explicit(p, p), incl, ceil);
    }

    private static Padding padding(Random r, List<Integer> k, int rank) {
        List<Integer> before = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        for (int a = 0; a < rank; a++) {
            before.add(r.nextInt(k.get(a)));
            after.add(r.nextInt(k.get(a)));
        }
        return new Padding.Explicit(before, after);
    }

    private static PaddingMode mode(Random r) {
        return PaddingMode.values()[r.nextInt(PaddingMode.values().length)];
    }

    private static Activation activation(Random r) {
        Activation.Kind kind = Activation.Kind.values()[r.nextInt(5)];
        return Activation.of(kind);
    }
}
