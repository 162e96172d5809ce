package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.codegen.UnrollMode;
import dev.cnnc.runtime.compile.CompiledModel;
import dev.cnnc.runtime.compile.ModelLoader;
import dev.cnnc.runtime.compile.ParamWeights;
import dev.cnnc.runtime.golden.GoldenCase;
import dev.cnnc.runtime.safetensors.SafetensorsReader;
import dev.cnnc.runtime.safetensors.SafetensorsWriter;
import dev.cnnc.runtime.safetensors.Tensor;
import dev.cnnc.runtime.safetensors.Tensors;
import dev.cnnc.runtime.testing.GoldenNetworks;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
    private static final String LENET = GoldenNetworks.specFile("lenet5");
    private static final String[] LABELS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine"};

    @TempDir
    Path dir;

    private Path weights;

    @BeforeEach
    void writeWeights() throws Exception {
        weights = dir.resolve("w.safetensors");
        SafetensorsWriter.write(weights, GoldenNetworks.weights("lenet5"));
    }

    /** A 28×28 gray PNG of a diagonal stroke, and the same pixels as the model's input. */
    private float[] png(Path file, int size) throws Exception {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        float[] x = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int i = 0; i < size; i++) {
                int v = Math.abs(y - i) < 3 ? 255 : (y * 7 + i * 3) % 40;
                image.getRaster().setSample(i, y, 0, v);
                x[y * size + i] = v / 255f;
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return x;
    }

    @Test
    void imagesPrintTheTopThreeClassesWithSoftmaxProbabilities() throws Exception {
        Path image = dir.resolve("digit.png");
        float[] x = png(image, 28);
        Cli r = Cli.run("predict", LENET, "--weights", weights.toString(), image.toString());
        assertEquals(0, r.code(), r.toString());

        float[] logits = new float[10];
        model().forward(x, logits);
        // the last layer has no softmax, so predict applies it: p_i = exp(z_i) / Σ exp(z_j)
        double[] p = new double[10];
        double sum = 0;
        for (int i = 0; i < 10; i++) {
            p[i] = Math.exp(logits[i]);
            sum += p[i];
        }
        Integer[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        String expected = String.format(Locale.ROOT, "%s: %s %.4f, %s %.4f, %s %.4f", image,
                LABELS[order[0]], p[order[0]] / sum, LABELS[order[1]], p[order[1]] / sum,
                LABELS[order[2]], p[order[2]] / sum);
        assertEquals(expected, r.out().strip());
    }

    @Test
    void sizeMismatchExits1UnlessResize() throws Exception {
        Path image = dir.resolve("big.png");
        png(image, 56);
        Cli r = Cli.run("predict", LENET, "--weights", weights.toString(), image.toString());
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains(image + ": the image is 56×56 (width×height), the model expects 28×28"),
                r.toString());
        Cli resized = Cli.run("predict", LENET, "--weights", weights.toString(), "--resize", image.toString());
        assertEquals(0, resized.code(), resized.toString());
        assertTrue(resized.out().startsWith(image + ": "), resized.toString());
    }

    @Test
    void tensorRoundTripMatchesTheModelAndPyTorch() throws Exception {
        GoldenCase golden = GoldenNetworks.golden("lenet5");
        float[] input = golden.tensor("input").copy();
        Path in = dir.resolve("x.safetensors");
        Path out = dir.resolve("y.safetensors");
        SafetensorsWriter.write(in, Tensors.builder().put("input", new int[] {3, 1, 28, 28}, input).build());
        Cli r = Cli.run("predict", LENET, "--weights", weights.toString(), "--input", in.toString(),
                "--output", out.toString());
        assertEquals(0, r.code(), r.toString());

        Tensor y = SafetensorsReader.read(out).get("output");
        assertArrayEquals(new int[] {3, 10}, y.shape());
        float[] direct = new float[30];
        model().forward(input, direct, 3);
        assertArrayEquals(direct, y.values());
        golden.tolerance().assertClose(golden.tensor("logits"), y.values());
    }

    /** The opt-in vector kernels behind predict match PyTorch. */
    @Test
    void vectorApiPredictionsMatchPyTorch() throws Exception {
        GoldenCase golden = GoldenNetworks.golden("lenet5");
        Path in = dir.resolve("x.safetensors");
        Path out = dir.resolve("y.safetensors");
        SafetensorsWriter.write(in, Tensors.builder().put("input", new int[] {3, 1, 28, 28},
                golden.tensor("input").copy()).build());
        Cli r = Cli.run("predict", LENET, "--weights", weights.toString(), "--input", in.toString(),
                "--output", out.toString(), "--vector-api");
        assertEquals(0, r.code(), r.toString());
        golden.tolerance().assertClose(golden.tensor("logits"), SafetensorsReader.read(out).get("output").values());
    }

    @Test
    void badWeightsExit1WithTheTensorAndBothShapes() throws Exception {
        Tensors.Builder b = Tensors.builder();
        GoldenNetworks.weights("lenet5").asMap().forEach((name, t) -> b.put(
                name.equals("conv2.weight") ? "conv2.kernel" : name, t));
        b.put("conv1.bias_extra", new int[] {6}, new float[6]);
        Path bad = dir.resolve("bad.safetensors");
        SafetensorsWriter.write(bad, b.build());
        Path image = dir.resolve("digit.png");
        png(image, 28);
        Cli r = Cli.run("predict", LENET, "--weights", bad.toString(), image.toString());
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains(bad + ": missing tensor 'conv2.weight' (the model expects shape [16, 6, 5, 5])"),
                r.toString());
        assertTrue(r.err().contains(bad + ": unexpected tensor 'conv1.bias_extra' with shape [6]"), r.toString());
        assertEquals("", r.out());

        Cli missing = Cli.run("predict", LENET, "--weights", dir.resolve("none.safetensors").toString(),
                image.toString());
        assertEquals(ExitCode.INVALID_INPUT, missing.code(), missing.toString());
        assertTrue(missing.err().contains("none.safetensors: cannot read: no such file"), missing.toString());
    }

    @Test
    void badInputsExit1() throws Exception {
        Path text = dir.resolve("note.png");
        Files.writeString(text, "hello");
        Cli r = Cli.run("predict", LENET, "--weights", weights.toString(), text.toString());
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains(text + ": not an image"), r.toString());

        Path in = dir.resolve("x.safetensors");
        SafetensorsWriter.write(in, Tensors.builder().put("input", new int[] {2, 28, 28}, new float[2 * 784]).build());
        Cli shape = Cli.run("predict", LENET, "--weights", weights.toString(), "--input", in.toString(),
                "--output", dir.resolve("y.safetensors").toString());
        assertEquals(ExitCode.INVALID_INPUT, shape.code(), shape.toString());
        assertTrue(shape.err().contains("tensor 'input' has shape [2, 28, 28], the model expects [N, 1, 28, 28]"),
                shape.toString());
        assertTrue(Files.notExists(dir.resolve("y.safetensors")));
    }

    @Test
    void aModelWithoutImageInputRefusesImages() throws Exception {
        Path w = dir.resolve("net1d.safetensors");
        SafetensorsWriter.write(w, GoldenNetworks.weights("net1d"));
        Path image = dir.resolve("digit.png");
        png(image, 28);
        Cli r = Cli.run("predict", GoldenNetworks.specFile("net1d"), "--weights", w.toString(), image.toString());
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("is not an image"), r.toString());
    }

    @Test
    void usageErrorsExit2() {
        String w = weights.toString();
        assertEquals(ExitCode.USAGE, Cli.run("predict", LENET, "--weights", w).code());
        assertEquals(ExitCode.USAGE, Cli.run("predict", LENET, "x.png").code());
        assertEquals(ExitCode.USAGE, Cli.run("predict", LENET, "--weights", w, "--input", "x.safetensors").code());
        assertEquals(ExitCode.USAGE, Cli.run("predict", LENET, "--weights", w, "--input", "x", "--output", "y",
                "a.png").code());
    }

    private CompiledModel model() throws Exception {
        ModelLoader loader = ModelLoader.inMemory("test");
        var type = loader.loadClass(GoldenNetworks.network("lenet5"), UnrollMode.KERNEL);
        return type.instantiate(ParamWeights.flatten("w", GoldenNetworks.weights("lenet5"), type.paramTensors()));
    }
}
