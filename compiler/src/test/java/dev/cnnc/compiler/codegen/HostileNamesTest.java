package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.cnnc.spec.model.ActivationLayer;
import dev.cnnc.spec.model.Add;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.NetworkSpec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * User text that tries to break out of literals or comments (quotes, comment ends, Unicode
 * escapes that javac decodes even in comments, line breaks, keywords, 10k characters) in the
 * model name, layer names and labels: the code compiles and behaves exactly like plain names.
 */
class HostileNamesTest {
    static final String LONG = "x".repeat(10_000);
    static final List<String> HOSTILE = List.of("quote\"s", "end */ comment", "\\u0022 escaped quote",
            "line\nbreak\r\u2028", "\\u000a int x = 1; \\", "class", "*/ }; static { System.exit(1); } /*",
            "tab\tand\u0000nul", "unicode \u03a9 \ud83d\ude00", LONG);

    static NetworkSpec net(String name, List<String> layerNames, List<String> labels) {
        return Nets.input(name, 1, 6, 6).classes(labels)
                .add(layerNames.get(0), Nets.conv2d(2, 3, 1, 1, Activation.NONE))
                .add(layerNames.get(1), m -> new ActivationLayer(m, Activation.of(Activation.Kind.TANH)))
                .add(layerNames.get(2), List.of(layerNames.get(0), layerNames.get(1)), Add::new)
                .add(layerNames.get(3), Flatten::new)
                .add(layerNames.get(4), m -> new Dense(m, labels.size(), true, Activation.NONE))
                .spec();
    }

    @Test
    void hostileTextCompilesAndBehavesLikePlainText() throws Exception {
        List<String> plainLayers = List.of("c1", "t", "sum", "flat", "fc");
        List<String> hostileLayers = List.of(HOSTILE.get(0) + HOSTILE.get(4), HOSTILE.get(5), HOSTILE.get(6),
                HOSTILE.get(2) + HOSTILE.get(3), LONG + HOSTILE.get(1));
        List<String> labels = HOSTILE;
        String hostileName = String.join(" ", HOSTILE);
        NetworkSpec plain = net("plain", plainLayers, List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"));
        NetworkSpec hostile = net(hostileName, hostileLayers, labels);

        TypedNetwork plainTyped = Models.typed(plain);
        ModelIr ir = Lowering.lower(plainTyped);
        float[] params = new float[ir.paramCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) Math.sin(i);
        }
        float[] x = new float[36];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.cos(i);
        }
        Models a = Models.build(plain, GeneratorOptions.defaults(), params);
        GeneratorOptions hostileOptions = GeneratorOptions.defaults().withProvenance("1.0 */ \\u000a evil",
                "../dir/*/ \\u002a\\u002f\nmodel.yaml", "*/ abc");
        Models b = Models.build(hostile, hostileOptions, params);
        assertArrayEquals(a.forward(x, 10), b.forward(x, 10));

        String source = b.source.mainSource();
        assertTrue(source.chars().allMatch(c -> c == '\n' || c >= 0x20 && c < 0x7f), "source is printable ASCII");
        String className = b.source.mainClass();
        assertTrue(Names.isIdentifier(className) && className.length() <= 64, className);

        Class<?> cls = b.compiled.load(className);
        assertEquals(labels, cls.getField("LABELS").get(null));
        List<String> expectedNames = Lowering.lower(Models.typed(hostile)).params().stream().map(ParamTensor::name)
                .toList();
        assertEquals(expectedNames, cls.getMethod("parameterNames").invoke(null));
        assertTrue(expectedNames.get(0).startsWith(hostileLayers.get(0)), expectedNames.get(0));
        // the safetensors reader matches hostile tensor names exactly
        byte[] file = Safetensors.write(Lowering.lower(Models.typed(hostile)).params(), params);
        Object loaded = cls.getMethod("load", InputStream.class).invoke(null, new ByteArrayInputStream(file));
        assertArrayEquals(a.forward(x, 10), (float[]) cls.getMethod("predict", float[].class).invoke(loaded, x));
    }

    @Test
    void keywordAndEmptyNamesGiveValidClassNames() {
        java.util.Set<String> jdk = ModelClassBuilder.reservedTypeNames();
        assertEquals("LeNet5Digits", ClassNames.derive("LeNet-5 (digits)", jdk));
        assertEquals("Model", ClassNames.derive("", jdk));
        assertEquals("Model", ClassNames.derive("*/ -- \u03a9", jdk));
        assertEquals("Model3x3", ClassNames.derive("3x3", jdk));
        assertEquals("MathModel", ClassNames.derive("math", jdk));
        assertEquals("StringModel", ClassNames.derive("string", jdk));
        assertEquals("Class", ClassNames.derive("class", java.util.Set.of()));
        assertTrue(ClassNames.derive(LONG, jdk).length() <= 64);
        InMemoryJavac.compile(JavaGenerator.generate(Models.typed(net("path", List.of("a", "b", "c", "d", "e"),
                List.of("0", "1"))), GeneratorOptions.defaults()).files());
    }

    @Test
    void generationIsDeterministic() {
        NetworkSpec spec = net("det", List.of("c1", "t", "sum", "flat", "fc"), List.of("a", "b"));
        GeneratorOptions options = GeneratorOptions.defaults().withProvenance("0.1.0", "det.yaml",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        String first = JavaGenerator.generate(Models.typed(spec), options).mainSource();
        String second = JavaGenerator.generate(Models.typed(net("det", List.of("c1", "t", "sum", "flat", "fc"),
                List.of("a", "b"))), options).mainSource();
        assertEquals(first, second);
        assertTrue(first.startsWith("/*\n * Generated by cnnc 0.1.0 from det.yaml (spec SHA-256 0123456789abcdef"),
                first.substring(0, 200));
        assertTrue(first.contains("regenerate with: cnnc compile det.yaml"));
    }
}
