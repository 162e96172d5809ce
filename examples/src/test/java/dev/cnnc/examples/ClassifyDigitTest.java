package dev.cnnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.examples.generated.LeNet5;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.SourceText;
import dev.cnnc.spec.model.Normalize;
import dev.cnnc.spec.yaml.SpecReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClassifyDigit} with the {@code LeNet5} class generated from {@code lenet5.yaml}
 * during this build, run on the PyTorch golden LeNet-5 weights ({@code testdata/golden}).
 *
 * <p>Those weights are random (untrained), so the "digit" the program reports for the
 * drawn 7 is not a seven: what matters is that it is PyTorch's answer.
 */
class ClassifyDigitTest {
    /** Written by {@code src/test/python/classify_digit_reference.py}. */
    private static final String REFERENCE = "/classify-digit-reference.txt";

    @TempDir
    static Path dir;

    private static GoldenLeNet5 golden;
    private static Path weights;
    private static Path digit;

    @BeforeAll
    static void writeFiles() throws IOException {
        golden = GoldenLeNet5.load();
        weights = golden.writeWeights(dir.resolve("lenet5.safetensors"));
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                image.getRaster().setSample(c, r, 0, digitPixel(r, c));
            }
        }
        digit = dir.resolve("digit.png");
        assertTrue(ImageIO.write(image, "png", digit.toFile()));
    }

    /** A '7' on a faint texture, 0..255; the Python reference script draws the same. */
    static int digitPixel(int r, int c) {
        if (r >= 6 && r <= 8 && c >= 7 && c <= 21) {
            return 255;
        }
        if (r >= 9 && r <= 23) {
            int d = Math.abs(c - (20 - (r - 9) * 2 / 3));
            if (d <= 1) {
                return 255;
            }
            if (d == 2) {
                return 96;
            }
        }
        return (r * 7 + c * 13) % 23;
    }

    /**
     * The golden network has no normalisation; lenet5.yaml applies (x - mean) / std first.
     * So feeding x * std + mean reproduces the golden inputs inside the model, and the
     * logits must be PyTorch's.
     */
    @Test
    void generatedModelGivesThePytorchGoldenLogits() throws IOException {
        Normalize norm = lenet5Normalize();
        float mean = norm.mean().get(0).floatValue();
        float std = norm.std().get(0).floatValue();
        LeNet5 model = LeNet5.load(weights);
        float[] inputs = golden.values("input");
        float[] expected = golden.values("logits");
        int samples = golden.shape("input")[0];
        assertEquals(samples * LeNet5.INPUT_SIZE, inputs.length);
        for (int n = 0; n < samples; n++) {
            float[] x = new float[LeNet5.INPUT_SIZE];
            for (int i = 0; i < x.length; i++) {
                x[i] = inputs[n * LeNet5.INPUT_SIZE + i] * std + mean;
            }
            float[] out = model.predict(x);
            for (int k = 0; k < LeNet5.OUTPUT_SIZE; k++) {
                float want = expected[n * LeNet5.OUTPUT_SIZE + k];
                assertTrue(golden.close(want, out[k]), "sample " + n + " logit " + k + ": PyTorch " + want
                        + ", generated " + out[k] + " (tolerance " + golden.tolerance() + ")");
            }
        }
    }

    @Test
    void grayPixelsAreSamplesOver255() throws IOException {
        float[] x = ClassifyDigit.pixels(digit);
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                assertEquals(digitPixel(r, c) / 255f, x[r * 28 + c], 1e-6f, "pixel row " + r + " column " + c);
            }
        }
    }

    /** Colour images become their BT.601 luma, 0.299 R + 0.587 G + 0.114 B. */
    @Test
    void colourPixelsBecomeLuma() throws IOException {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 5, 200 << 16 | 100 << 8 | 50);
        Path file = dir.resolve("colour.png");
        ImageIO.write(image, "png", file.toFile());
        float[] x = ClassifyDigit.pixels(file);
        assertEquals((0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 255, x[5 * 28 + 3], 1e-6);
        assertEquals(0f, x[0]);
    }

    @Test
    void logitsOfTheDrawnDigitArePytorchs() throws IOException {
        float[] out = LeNet5.load(weights).predict(ClassifyDigit.pixels(digit));
        String[] want = reference("logits").split(" ");
        assertEquals(LeNet5.OUTPUT_SIZE, want.length);
        for (int k = 0; k < want.length; k++) {
            double expected = Double.parseDouble(want[k]);
            assertTrue(golden.close(expected, out[k]), "logit " + k + ": PyTorch " + expected + ", generated " + out[k]);
        }
    }

    /**
     * The program run as a user runs it: a JVM whose class path holds only this module's
     * classes (the example and the generated model), not cnnc. It prints PyTorch's top 3.
     */
    @Test
    void programPrintsPytorchsTopThreeWithOnlyTheJdk() throws Exception {
        Run run = runProgram(weights.toString(), digit.toString());
        assertEquals(0, run.exit(), run.err());
        String line = run.out().strip();
        String prefix = digit + ": ";
        assertTrue(line.startsWith(prefix), line);
        String[] printed = line.substring(prefix.length()).split(", ");
        String[] expected = reference("top3").split(", ");
        assertEquals(expected.length, printed.length, line);
        for (int i = 0; i < expected.length; i++) {
            String[] p = printed[i].split(" ");
            String[] e = expected[i].split(" ");
            assertEquals(e[0], p[0], "label of rank " + (i + 1) + " in: " + line);
            // printed with 4 decimals: off by at most half a unit of the last one, plus the tolerance
            assertEquals(Double.parseDouble(e[1]), Double.parseDouble(p[1]), 0.5e-4 + 1e-5, printed[i]);
        }
    }

    @Test
    void missingWeightsFileExitsOneWithAMessage() throws Exception {
        Run run = runProgram(dir.resolve("nope.safetensors").toString(), digit.toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().startsWith("error: "), run.err());
        assertTrue(run.err().contains("nope.safetensors: no such file"), run.err());
    }

    @Test
    void aFileThatIsNotAnImageExitsOneNamingIt() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a picture");
        Run run = runProgram(weights.toString(), text.toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("notes.txt: not an image"), run.err());
    }

    @Test
    void tooFewArgumentsPrintUsageAndExitTwo() throws Exception {
        Run run = runProgram(weights.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("usage: "), run.err());
    }

    private record Run(int exit, String out, String err) {
    }

    /** Runs ClassifyDigit in a new JVM with only {@code target/classes} on its class path. */
    private static Run runProgram(String... args) throws Exception {
        Path classes = Path.of(ClassifyDigit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes.toString(), ClassifyDigit.class.getName()));
        command.addAll(Arrays.asList(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ClassifyDigit did not finish within 60 s");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The value of the line {@code key ...} of the PyTorch reference file. */
    private static String reference(String key) throws IOException {
        try (InputStream in = ClassifyDigitTest.class.getResourceAsStream(REFERENCE)) {
            assertTrue(in != null, REFERENCE + " is not on the test class path");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith(key + " ")) {
                    return line.substring(key.length() + 1).strip();
                }
            }
        }
        throw new AssertionError("no line '" + key + " ...' in " + REFERENCE);
    }

    /** The {@code normalize} of {@code lenet5.yaml}'s input. */
    private static Normalize lenet5Normalize() throws IOException {
        Path file = ExampleSpecs.baseDir().resolve("lenet5.yaml");
        SourceText source = new SourceText("lenet5.yaml", Files.readString(file, StandardCharsets.UTF_8));
        Diagnostics diagnostics = new Diagnostics();
        return new SpecReader().read(source, diagnostics)
                .flatMap(spec -> spec.input().normalize())
                .orElseThrow(() -> new AssertionError("lenet5.yaml has no input normalize: " + diagnostics));
    }
}
