package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.safetensors.SafetensorsReader;
import dev.cnnc.runtime.train.ParamLayout;
import dev.cnnc.runtime.train.TrainableModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnnc train} with the real generated forward and backward pass. */
class TrainGeneratedTest {
    /** Conv + batchnorm + dropout + dense on 4×4 images: every kind of training state. */
    static final String BN = String.join("\n",
            "name: Bn",
            "input: [1, 4, 4]",
            "layers:",
            "  - {type: conv2d, name: c1, filters: 4, kernel: 3, padding: 1}",
            "  - {type: batchnorm, name: bn}",
            "  - relu",
            "  - {type: dropout, rate: 0.25}",
            "  - flatten",
            "  - {type: dense, name: fc, units: 3}",
            "train: {batch: 8, epochs: 2, seed: 5, validation_split: 0.25, optimizer: {type: sgd, lr: 0.05,"
                    + " momentum: 0.9}}",
            "");

    @TempDir
    Path tmp;

    Path data;

    @BeforeEach
    void setUp() throws IOException {
        data = TrainFixtures.idx(tmp.resolve("data"), 60, 30, 4, 3);
    }

    @AfterEach
    void tearDown() {
        TrainCommand.factory = GeneratedModels.FACTORY;
        TrainCommand.onRunStart = stop -> { };
    }

    Cli train(Path spec, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", spec.toString(), "--data", data.toString(),
                "-o", out.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void trainsDeterministicallyAndEvaluateAgrees() throws Exception {
        Path spec = TrainFixtures.tinySpec(tmp);
        Cli a = train(spec, tmp.resolve("a"));
        assertEquals(0, a.code(), a.toString());
        assertEquals(0, train(spec, tmp.resolve("b")).code());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/weights.safetensors")),
                Files.readAllBytes(tmp.resolve("b/weights.safetensors")));
        String acc = a.out().substring(a.out().indexOf("test accuracy ") + 14).split(" ")[0];
        assertTrue(Double.parseDouble(acc) > 0.9, "separable classes: " + a);
        Cli e = Cli.run("evaluate", spec.toString(), "--weights", tmp.resolve("a/weights.safetensors").toString(),
                "--data", data.toString());
        assertEquals(0, e.code(), e.toString());
        assertTrue(e.out().contains("accuracy  " + acc), e.toString());
    }

    /** 12×12 images: the convolution's rows have 166 columns, enough for the vector kernels. */
    static final String WIDE = String.join("\n",
            "name: Wide",
            "input: [1, 12, 12]",
            "layers:",
            "  - {type: conv2d, name: c1, filters: 4, kernel: 3, padding: 1, activation: relu}",
            "  - flatten",
            "  - {type: dense, name: fc, units: 3}",
            "train: {batch: 10, epochs: 2, seed: 3, optimizer: {type: sgd, lr: 0.05, momentum: 0.9}}",
            "");

    /**
     * {@code --vector-api} trains through the vector kernels: the weights are the plain run's up
     * to float rounding (another summation order), evaluate with the flag agrees with train's
     * report, and the run's src/ stays the portable model.
     */
    @Test
    void vectorApiTrainsLikeThePlainKernels() throws Exception {
        Path wideData = TrainFixtures.idx(tmp.resolve("wide-data"), 60, 30, 12, 3);
        Path spec = Files.writeString(tmp.resolve("wide.yaml"), WIDE);
        List<String> common = List.of("train", spec.toString(), "--data", wideData.toString(), "-o");
        Cli plain = Cli.run(concat(common, tmp.resolve("plain").toString()));
        assertEquals(0, plain.code(), plain.toString());
        Cli vectors = Cli.run(concat(common, tmp.resolve("vectors").toString(), "--vector-api"));
        assertEquals(0, vectors.code(), vectors.toString());
        for (String tensor : List.of("c1.weight", "c1.bias", "fc.weight", "fc.bias")) {
            float[] a = SafetensorsReader.read(tmp.resolve("plain/weights.safetensors")).get(tensor).values();
            float[] b = SafetensorsReader.read(tmp.resolve("vectors/weights.safetensors")).get(tensor).values();
            for (int i = 0; i < a.length; i++) {
                assertTrue(Math.abs(a[i] - b[i]) <= 1e-4 + 1e-3 * Math.abs(a[i]), tensor + "[" + i + "]: plain "
                        + a[i] + ", vector " + b[i]);
            }
        }
        String acc = vectors.out().substring(vectors.out().indexOf("test accuracy ") + 14).split(" ")[0];
        Cli e = Cli.run("evaluate", spec.toString(), "--weights", tmp.resolve("vectors/weights.safetensors")
                .toString(), "--data", wideData.toString(), "--vector-api");
        assertEquals(0, e.code(), e.toString());
        assertTrue(e.out().contains("accuracy  " + acc), e.toString());
        try (var files = Files.walk(tmp.resolve("vectors/src"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertTrue(!Files.readString(f).contains("jdk.incubator"), f + " needs the incubator module");
            }
        }
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    @Test
    void batchnormAndDropoutResumeBitIdentically() throws Exception {
        Path spec = Files.writeString(tmp.resolve("bn.yaml"), BN);
        Cli whole = train(spec, tmp.resolve("whole"), "--epochs", "3");
        assertEquals(0, whole.code(), whole.toString());
        Path out = tmp.resolve("parts");
        AtomicReference<Runnable> stop = new AtomicReference<>();
        AtomicInteger forwards = new AtomicInteger();
        TrainCommand.onRunStart = stop::set;
        // 45 training samples in batches of 8: 6 batches per epoch; stop during epoch 2
        TrainCommand.factory = s -> new Hooked(GeneratedModels.FACTORY.create(s), () -> {
            if (forwards.incrementAndGet() == 8) {
                stop.get().run();
            }
        });
        assertEquals(130, train(spec, out, "--epochs", "3").code());
        TrainCommand.factory = GeneratedModels.FACTORY;
        Cli resumed = Cli.run("train", spec.toString(), "--data", data.toString(), "-o", out.toString(), "--resume");
        assertEquals(0, resumed.code(), resumed.toString());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("whole/last.safetensors")),
                Files.readAllBytes(out.resolve("last.safetensors")));
        assertTrue(SafetensorsReader.read(out.resolve("weights.safetensors")).names().contains("bn.running_var"));
    }

    @Test
    void twoThreadsAreDeterministic() throws Exception {
        Path spec = Files.writeString(tmp.resolve("bn.yaml"), BN);
        Cli a = train(spec, tmp.resolve("a"), "--threads", "2");
        assertEquals(0, a.code(), a.toString());
        assertEquals(0, train(spec, tmp.resolve("b"), "--threads", "2").code());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/last.safetensors")),
                Files.readAllBytes(tmp.resolve("b/last.safetensors")));
    }

    @Test
    void theBundledDataIsTheDefault() throws Exception {
        Path out = tmp.resolve("lenet");
        Cli r = Cli.run("train", "../examples/lenet5.yaml", "-o", out.toString(), "--epochs", "1", "--limit", "600");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("test accuracy "), r.toString());
        assertEquals(10 + 1, Files.readAllLines(out.resolve("confusion.csv")).size());
        assertTrue(Files.isRegularFile(out.resolve("src/LeNet5.java")));
    }

    /** A model that runs a hook before every training forward. */
    record Hooked(TrainableModel m, Runnable hook) implements TrainableModel {
        public ParamLayout layout() {
            return m.layout();
        }

        public int inputSize() {
            return m.inputSize();
        }

        public int outputSize() {
            return m.outputSize();
        }

        public void forward(float[] p, float[] x, int batch, float[] out, boolean training) {
            if (training) {
                hook.run();
            }
            m.forward(p, x, batch, out, training);
        }

        public void backward(float[] p, float[] g, int batch, float[] grads) {
            m.backward(p, g, batch, grads);
        }

        public void setDropoutSeed(long seed) {
            m.setDropoutSeed(seed);
        }
    }
}
