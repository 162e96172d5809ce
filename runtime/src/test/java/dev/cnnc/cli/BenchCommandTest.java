package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code cnnc bench}: the contract's JSON members and the text report (no timing assertions). */
class BenchCommandTest {
    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE+]+)").matcher(json);
        assertTrue(m.find(), key + " missing or not a number in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void jsonHasTheContractMembers() {
        Cli r = Cli.run("bench", Cli.spec("golden_net1d.yaml"), "--format", "json", "--seconds", "0.01",
                "--batch", "3", "--threads", "2", "--no-cache-timing", "--per-layer");
        assertEquals(0, r.code(), r.toString());
        String json = r.out().strip();
        assertTrue(json.startsWith("{") && json.endsWith("}"), json);
        assertTrue(number(json, "latency_us") > 0);
        assertTrue(number(json, "images_per_s") > 0);
        assertEquals(2, number(json, "threads"));
        assertEquals(3, number(json, "batch"));
        assertTrue(json.contains("\"jvm\":\""), json);
        assertTrue(json.contains("\"train_samples_per_s\":null"), json);
        assertTrue(json.contains("\"alloc_bytes_per_train_step\":null"), json);
        // the generated forward allocates nothing per call (contract §4)
        assertEquals(0.0, number(json, "alloc_bytes_per_forward"));
        assertTrue(json.contains("\"method\":\"layer_conv2\""), json);
    }

    /**
     * VGG-small's conv4 reads a ReLU's output through padding and has rows of 576: its gathered
     * kernel skips zero inputs, so its GFLOP/s is marked as an effective rate; conv1 (reads the image) is not.
     */
    @Test
    void perLayerMarksTheLayersThatSkipZeroInputs() {
        Cli json = Cli.run("bench", "../examples/vgg_small.yaml", "--format", "json", "--seconds", "0.01",
                "--batch", "1", "--no-cache-timing", "--per-layer");
        assertEquals(0, json.code(), json.toString());
        assertTrue(Pattern.compile("\\{\"method\":\"layer_conv4_2\",\"layer\":\"conv4\"[^}]*\"macs\":[1-9][^}]*"
                + "\"skips_zeros\":true}").matcher(json.out()).find(), json.out());
        assertTrue(Pattern.compile("\\{\"method\":\"layer_conv1_2\",\"layer\":\"conv1\"[^}]*"
                + "\"skips_zeros\":false}").matcher(json.out()).find(), json.out());
        Cli text = Cli.run("bench", "../examples/vgg_small.yaml", "--seconds", "0.01", "--batch", "1",
                "--no-cache-timing", "--per-layer");
        assertEquals(0, text.code(), text.toString());
        String conv4 = text.out().lines().filter(l -> l.contains("layer_conv4_2")).findFirst().orElseThrow();
        String conv1 = text.out().lines().filter(l -> l.contains("layer_conv1_2")).findFirst().orElseThrow();
        assertTrue(conv4.strip().endsWith("*") && !conv1.contains("*"), text.out());
        assertTrue(text.out().contains("* skips zero inputs"), text.out());
    }

    @Test
    void trainMeasuresTheGeneratedTrainingStep() {
        Cli r = Cli.run("bench", Cli.spec("golden_net1d.yaml"), "--format", "json", "--seconds", "0.01",
                "--batch", "2", "--train", "--no-cache-timing");
        assertEquals(0, r.code(), r.toString());
        assertTrue(number(r.out(), "train_samples_per_s") > 0, r.out());
        // the step (forward, loss, backward, SGD update) allocates nothing per call
        assertEquals(0.0, number(r.out(), "alloc_bytes_per_train_step"), r.out());
        assertTrue(!r.out().contains("train_note"), r.out());
    }

    @Test
    void trainIsOnlyMeasuredWhenAsked() {
        Cli r = Cli.run("bench", Cli.spec("golden_net1d.yaml"), "--seconds", "0.01", "--batch", "2",
                "--no-cache-timing");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("training: not requested (--train)"), r.out());
        assertTrue(r.out().contains("latency (batch 1)"), r.out());
    }

    /** The opt-in kernels: LeNet-5's convolutions have rows of 892 and 136 columns, long enough for them. */
    @Test
    void vectorApiRunsTheVectorKernels() {
        Cli plain = Cli.run("bench", "../examples/lenet5.yaml", "--format", "json", "--seconds", "0.01",
                "--batch", "2", "--no-cache-timing");
        assertEquals(0, plain.code(), plain.toString());
        assertTrue(plain.out().contains("\"vector_api\":false"), plain.out());
        Cli vectors = Cli.run("bench", "../examples/lenet5.yaml", "--vector-api", "--format", "json", "--seconds",
                "0.01", "--batch", "2", "--train", "--no-cache-timing");
        assertEquals(0, vectors.code(), vectors.toString());
        assertTrue(vectors.out().contains("\"vector_api\":true"), vectors.out());
        assertTrue(number(vectors.out(), "images_per_s") > 0);
        assertTrue(number(vectors.out(), "train_samples_per_s") > 0);
        assertEquals(0.0, number(vectors.out(), "alloc_bytes_per_forward"));
    }

    /** Without the module in the JVM (not started by the launcher) the flag is a usage error, not a crash. */
    @Test
    void vectorApiWithoutTheModuleIsAUsageError() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "bench", "../examples/lenet5.yaml", "--vector-api", "--seconds", "0.01").redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(ExitCode.USAGE, p.exitValue(), output);
        assertTrue(output.contains("--vector-api needs Java started with --add-modules jdk.incubator.vector"),
                output);
        assertFalse(output.contains("Exception"), output);
    }

    @Test
    void nonPositiveBatchIsAUsageError() {
        Cli r = Cli.run("bench", Cli.spec("golden_net1d.yaml"), "--batch", "0");
        assertEquals(ExitCode.USAGE, r.code(), r.toString());
    }

    @Test
    void badSpecIsInvalidInput() {
        Cli r = Cli.run("bench", Cli.spec("shape_error.yaml"), "--seconds", "0.01");
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r.toString());
    }
}
