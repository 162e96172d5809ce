package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.golden.GoldenCase;
import dev.cnnc.runtime.safetensors.SafetensorsWriter;
import dev.cnnc.runtime.safetensors.Tensor;
import dev.cnnc.runtime.safetensors.Tensors;
import dev.cnnc.runtime.testing.GoldenNetworks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCommandTest {
    private static final String LENET = GoldenNetworks.specFile("lenet5");

    @TempDir
    Path dir;

    @Test
    void writesSourceThatPlainJavacCompilesAndThatMatchesPyTorch() throws Exception {
        Path src = dir.resolve("src");
        Cli r = Cli.run("compile", LENET, "-o", src.toString(), "--package", "com.acme", "--class", "Net");
        assertEquals(0, r.code(), r.toString());
        Path file = src.resolve("com/acme/Net.java");
        assertTrue(Files.isRegularFile(file), r.toString());
        assertTrue(r.out().contains("wrote " + file), r.toString());

        Class<?> net = javac(src, "com.acme.Net");
        Path weights = dir.resolve("w.safetensors");
        SafetensorsWriter.write(weights, GoldenNetworks.weights("lenet5"));
        Object model = net.getMethod("load", Path.class).invoke(null, weights);
        assertMatchesPyTorch(net, model);
    }

    /** The opt-in vector kernels: the header says how to build them, and with that the model matches PyTorch. */
    @Test
    void vectorApiSourceCompilesWithTheModuleAndMatchesPyTorch() throws Exception {
        Path src = dir.resolve("src");
        Cli r = Cli.run("compile", LENET, "-o", src.toString(), "--class", "Net", "--vector-api");
        assertEquals(0, r.code(), r.toString());
        String text = Files.readString(src.resolve("Net.java"));
        assertTrue(text.contains("compile and run with\n * --add-modules jdk.incubator.vector"),
                text.substring(0, 400));
        assertTrue(text.contains("import jdk.incubator.vector.FloatVector;"));
        Class<?> net = javac(src, "Net", "--add-modules", "jdk.incubator.vector");
        Path weights = dir.resolve("w.safetensors");
        SafetensorsWriter.write(weights, GoldenNetworks.weights("lenet5"));
        assertMatchesPyTorch(net, net.getMethod("load", Path.class).invoke(null, weights));
    }

    @Test
    void embeddedWeightsMakeAStandAloneModel() throws Exception {
        Path weights = dir.resolve("w.safetensors");
        SafetensorsWriter.write(weights, GoldenNetworks.weights("lenet5"));
        Path src = dir.resolve("src");
        Cli r = Cli.run("compile", LENET, "-o", src.toString(), "--weights", weights.toString(), "--embed-weights");
        assertEquals(0, r.code(), r.toString());
        try (Stream<Path> files = Files.list(src)) {
            List<Path> java = files.toList();
            assertEquals(1, java.size(), java.toString());
            String className = java.get(0).getFileName().toString().replace(".java", "");
            Class<?> net = javac(src, className);
            assertMatchesPyTorch(net, net.getMethod("embedded").invoke(null));
        }
    }

    @Test
    void secondRunLeavesTheFileAloneAndADifferentFileNeedsForce() throws IOException {
        Path src = dir.resolve("src");
        assertEquals(0, Cli.run("compile", LENET, "-o", src.toString(), "--class", "Net").code());
        Path file = src.resolve("Net.java");
        Cli again = Cli.run("compile", LENET, "-o", src.toString(), "--class", "Net");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("unchanged " + file), again.toString());

        Files.writeString(file, "// mine\n");
        Cli refused = Cli.run("compile", LENET, "-o", src.toString(), "--class", "Net");
        assertEquals(ExitCode.FAILURE, refused.code(), refused.toString());
        assertTrue(refused.err().contains(file + " exists with other content; pass --force"), refused.toString());
        assertEquals("// mine\n", Files.readString(file));

        Cli forced = Cli.run("compile", LENET, "-o", src.toString(), "--class", "Net", "--force");
        assertEquals(0, forced.code(), forced.toString());
        assertTrue(Files.readString(file).contains("class Net"));
    }

    @Test
    void anOutputThatIsAFileExits3WithTheReason() throws IOException {
        Path file = dir.resolve("f");
        Files.writeString(file, "x");
        Cli r = Cli.run("compile", LENET, "-o", file.toString());
        assertEquals(ExitCode.FAILURE, r.code(), r.toString());
        assertTrue(r.err().startsWith("cnnc: cannot write the source under " + file + ": not a directory"), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
    }

    @Test
    void badWeightsExit1NamingTheTensorAndBothShapes() throws IOException {
        Tensors.Builder b = Tensors.builder();
        GoldenNetworks.weights("lenet5").asMap().forEach((name, t) -> {
            if (name.equals("fc1.weight")) {
                b.put(name, new Tensor(new int[] {400, 120}, t.values()));
            } else if (!name.equals("fc3.bias")) {
                b.put(name, t);
            }
        });
        Path weights = dir.resolve("bad.safetensors");
        SafetensorsWriter.write(weights, b.build());
        Cli r = Cli.run("compile", LENET, "-o", dir.resolve("src").toString(), "--weights", weights.toString());
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains(weights + ": tensor 'fc1.weight' has shape [400, 120], the model expects [120, 400]"),
                r.toString());
        assertTrue(r.err().contains(weights + ": missing tensor 'fc3.bias' (the model expects shape [10])"), r.toString());
        assertTrue(Files.notExists(dir.resolve("src")), "nothing written");
    }

    @Test
    void usageErrorsExit2() {
        assertEquals(ExitCode.USAGE, Cli.run("compile", LENET, "--embed-weights").code());
        Cli r = Cli.run("compile", LENET, "--package", "com.1acme", "-o", dir.toString());
        assertEquals(ExitCode.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("com.1acme"), r.toString());
        assertEquals(ExitCode.USAGE, Cli.run("compile", LENET, "--unroll", "most").code());
    }

    @Test
    void invalidSpecExits1WithDiagnostics() throws IOException {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "name: x\ninput: [1, 4, 4]\nlayers:\n  - {type: dense, unit: 3}\n");
        Cli r = Cli.run("compile", spec.toString(), "-o", dir.resolve("src").toString());
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains(spec + ":4:"), r.toString());
    }

    /** Compiles the tree under {@code src} with the JDK's javac, --release 17, no class path. */
    static Class<?> javac(Path src, String className, String... options) throws Exception {
        List<String> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        Path classes = Files.createTempDirectory(src.getParent(), "classes");
        List<String> args = new java.util.ArrayList<>(List.of("--release", "17", "-cp", "", "-d", classes.toString()));
        args.addAll(List.of(options));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = javac.run(null, null, err, args.toArray(String[]::new));
        assertEquals(0, code, err.toString());
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        return loader.loadClass(className);
    }

    private static void assertMatchesPyTorch(Class<?> net, Object model) throws Exception {
        GoldenCase golden = GoldenNetworks.golden("lenet5");
        float[] input = golden.tensor("input").copy();
        float[] logits = new float[30];
        net.getMethod("forward", float[].class, float[].class, int.class).invoke(model, input, logits, 3);
        golden.tolerance().assertClose(golden.tensor("logits"), logits);
    }
}
