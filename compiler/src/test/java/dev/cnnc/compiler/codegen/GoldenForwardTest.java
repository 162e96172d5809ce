package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cnnc.compiler.testing.Golden;
import dev.cnnc.compiler.testing.Models;
import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.ActivationLayer;
import dev.cnnc.spec.model.BatchNorm;
import dev.cnnc.spec.model.Conv;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.GlobalPool;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.LayerMeta;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.Pool;
import dev.cnnc.spec.model.PoolKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every forward op case of the PyTorch fixtures that a spec can express, and both whole
 * networks, through the whole pipeline: spec records, shape checker, generator, javac, run.
 */
class GoldenForwardTest {
    private static final List<String> PARAM_TENSORS = List.of("weight", "bias", "running_mean", "running_var");

    static Stream<Arguments> cases() {
        return Golden.cases().stream().filter(c -> toLayers(c) != null)
                .flatMap(c -> (windowed(c) ? Stream.of(UnrollMode.values()) : Stream.of(UnrollMode.KERNEL))
                        .map(u -> Arguments.of(c, u)));
    }

    /** Cases whose code depends on the unroll mode. */
    private static boolean windowed(Golden.Case c) {
        return c.op().contains("conv") || c.op().contains("pool") && !c.op().startsWith("global")
                || c.op().equals("network");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesPyTorch(Golden.Case c, UnrollMode unroll) {
        List<Integer> in = c.shape("input");
        List<Integer> sample = new ArrayList<>(in.subList(1, in.size()));
        if (sample.size() == 1) {
            sample.add(1); // [N, C] samples become [C, 1]: softmax runs over C
        }
        Nets net = Nets.input("case " + c.name(), sample.toArray(Integer[]::new));
        List<float[]> params = new ArrayList<>();
        String outputTensor = c.op().equals("network") ? "logits" : "output";
        for (Map.Entry<String, Function<LayerMeta, Layer>> layer : toLayers(c)) {
            net.add(layer.getKey(), layer.getValue());
        }
        if (c.op().equals("network")) {
            c.tensors().keySet().stream().filter(t -> t.contains(".") && !t.startsWith("grad_"))
                    .forEach(t -> params.add(c.tensor(t)));
        } else {
            PARAM_TENSORS.stream().filter(c::has).forEach(t -> params.add(c.tensor(t)));
        }
        NetworkSpec spec = net.spec();
        Models model = Models.build(spec, GeneratorOptions.defaults().withUnroll(unroll), concat(params));
        float[] input = c.tensor("input");
        float[] expected = c.tensor(outputTensor);
        int batch = in.get(0);
        int inSize = input.length / batch;
        int outSize = expected.length / batch;
        for (int n = 0; n < batch; n++) {
            float[] x = new float[inSize];
            System.arraycopy(input, n * inSize, x, 0, inSize);
            float[] y = model.forward(x, outSize);
            assertNull(Golden.mismatch(y, expected, n * outSize), "sample " + n);
        }
    }

    private static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] all = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** The layers of a case as (name, factory), or null when a spec cannot express it. */
    @SuppressWarnings("unchecked")
    static List<Map.Entry<String, Function<LayerMeta, Layer>>> toLayers(Golden.Case c) {
        if (c.op().equals("network")) {
            List<Map.Entry<String, Function<LayerMeta, Layer>>> list = new ArrayList<>();
            int k = 0;
            for (Map<String, Object> l : (List<Map<String, Object>>) c.params().get("layers")) {
                Function<LayerMeta, Layer> f = layer((String) l.get("op"), l);
                if (f == null) {
                    return null;
                }
                list.add(Map.entry((String) l.getOrDefault("name", "l" + k++), f));
            }
            return list;
        }
        Function<LayerMeta, Layer> f = layer(c.op(), c.params());
        if (f == null) {
            return null;
        }
        if (c.op().equals("linear")) {
            return List.of(Map.entry("flat", Flatten::new), Map.entry("layer", f));
        }
        return List.of(Map.entry("layer", f));
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> ints(Map<String, Object> p, String key) {
        return (List<Integer>) p.get(key);
    }

    /** PyTorch's [top, bottom, left, right] (2-D) or [left, right] (1-D) as before/after lists. */
    private static Padding padding(List<Integer> p) {
        return p.size() == 4 ? new Padding.Explicit(List.of(p.get(0), p.get(2)), List.of(p.get(1), p.get(3)))
                : new Padding.Explicit(List.of(p.get(0)), List.of(p.get(1)));
    }

    private static Function<LayerMeta, Layer> layer(String op, Map<String, Object> p) {
        switch (op) {
            case "conv1d", "conv2d" -> {
                int rank = op.equals("conv1d") ? 1 : 2;
                PaddingMode mode = PaddingMode.valueOf(((String) p.get("padding_mode")).toUpperCase(Locale.ROOT));
                return m -> new Conv(m, rank, (Integer) p.get("out_channels"), ints(p, "kernel_size"),
                        ints(p, "stride"), padding(ints(p, "padding")), mode, ints(p, "dilation"),
                        (Integer) p.get("groups"), (Boolean) p.get("bias"), Activation.NONE);
            }
            case "max_pool1d", "max_pool2d", "avg_pool1d", "avg_pool2d", "lp_pool2d" -> {
                PoolKind kind = op.startsWith("max") ? PoolKind.MAX : op.startsWith("avg") ? PoolKind.AVG : PoolKind.L2;
                int rank = op.endsWith("1d") ? 1 : 2;
                boolean incl = Boolean.TRUE.equals(p.get("count_include_pad"));
                return m -> new Pool(m, kind, rank, ints(p, "kernel_size"), ints(p, "stride"),
                        padding(ints(p, "padding")), incl, (Boolean) p.get("ceil_mode"));
            }
            case "global_avg_pool1d", "global_avg_pool2d" -> {
                return m -> new GlobalPool(m, PoolKind.AVG);
            }
            case "global_max_pool1d", "global_max_pool2d" -> {
                return m -> new GlobalPool(m, PoolKind.MAX);
            }
            case "linear" -> {
                return m -> new Dense(m, (Integer) p.get("out_features"), (Boolean) p.get("bias"), Activation.NONE);
            }
            case "flatten" -> {
                return Flatten::new;
            }
            case "relu", "sigmoid", "tanh", "softmax" -> {
                Activation.Kind kind = Activation.Kind.valueOf(op.toUpperCase(Locale.ROOT));
                return m -> new ActivationLayer(m, Activation.of(kind));
            }
            case "leaky_relu" -> {
                double slope = Double.parseDouble((String) p.get("negative_slope"));
                return m -> new ActivationLayer(m, new Activation(Activation.Kind.LEAKY_RELU, slope));
            }
            case "batch_norm2d" -> {
                if (Boolean.TRUE.equals(p.get("training"))) {
                    return null;
                }
                double eps = Double.parseDouble((String) p.get("eps"));
                double momentum = Double.parseDouble((String) p.get("momentum"));
                return m -> new BatchNorm(m, momentum, eps);
            }
            default -> {
                return null;
            }
        }
    }
}
