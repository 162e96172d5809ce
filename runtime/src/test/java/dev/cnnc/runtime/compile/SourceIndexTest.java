package dev.cnnc.runtime.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cnnc.compiler.codegen.UnrollMode;
import dev.cnnc.runtime.LoadedSpec;
import dev.cnnc.runtime.SpecLoader;
import dev.cnnc.runtime.golden.GoldenCase;
import dev.cnnc.runtime.testing.GoldenNetworks;
import dev.cnnc.spec.diag.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceIndexTest {
    private static final InMemoryCompiler COMPILER = new InMemoryCompiler();

    @TempDir
    Path dir;

    /** A loader as a new process would have it: empty memory, the shared directory. */
    private ModelLoader process(String identity) {
        return new ModelLoader(new ModelCache(COMPILER, Optional.of(dir), "t", new ModelCache.Listener() { }),
                new SourceIndex(Optional.of(dir), Optional.of(identity)));
    }

    private static LoadedSpec spec(String extraComment) throws IOException {
        String text = Files.readString(Path.of(GoldenNetworks.specFile("net1d"))) + extraComment;
        return new SpecLoader().load(new SourceText("net1d.yaml", text));
    }

    @Test
    void aKnownSpecWithCachedClassesIsNeitherGeneratedNorCompiled() throws Exception {
        ModelLoader first = process("jar-1");
        first.loadClass(spec(""), UnrollMode.KERNEL);
        assertEquals(1, first.generations());
        assertEquals(1, first.cache().stats().compilations());

        ModelLoader second = process("jar-1");
        ModelClass type = second.loadClass(spec(""), UnrollMode.KERNEL);
        assertEquals(0, second.generations());
        assertEquals(new ModelCache.Stats(0, 1, 0, 0), second.cache().stats());

        GoldenCase golden = GoldenNetworks.golden("net1d");
        CompiledModel model = type.instantiate(
                ParamWeights.flatten("w", GoldenNetworks.weights("net1d"), type.paramTensors()));
        float[] logits = new float[12];
        model.forward(golden.tensor("input").copy(), logits, 3);
        golden.tolerance().assertClose(golden.tensor("logits"), logits);
    }

    @Test
    void anotherCodeIdentitySpecTextOrUnrollGeneratesAgain() throws Exception {
        process("jar-1").loadClass(spec(""), UnrollMode.KERNEL);
        ModelLoader newJar = process("jar-2");
        newJar.loadClass(spec(""), UnrollMode.KERNEL);
        assertEquals(1, newJar.generations());
        assertEquals(0, newJar.cache().stats().compilations(), "same source: the classes are still cached");

        ModelLoader edited = process("jar-1");
        edited.loadClass(spec("# a comment\n"), UnrollMode.KERNEL);
        assertEquals(1, edited.generations());

        ModelLoader unrolled = process("jar-1");
        unrolled.loadClass(spec(""), UnrollMode.FULL);
        assertEquals(1, unrolled.generations());
        assertEquals(1, unrolled.cache().stats().compilations());

        ModelLoader vectors = process("jar-1").withVectorApi(true);
        vectors.loadClass(spec(""), UnrollMode.KERNEL);
        assertEquals(1, vectors.generations(), "the vector kernels are another source");
        ModelLoader vectorsAgain = process("jar-1").withVectorApi(true);
        vectorsAgain.loadClass(spec(""), UnrollMode.KERNEL);
        assertEquals(0, vectorsAgain.generations(), "and the index remembers it");
    }

    @Test
    void badEntriesAndMissingClassesFallBackToGenerating() throws Exception {
        process("jar-1").loadClass(spec(""), UnrollMode.KERNEL);
        Path entry = only(".source");
        Files.writeString(entry, "cnnc-source-index/1\nnot-a-key\nX\n");
        ModelLoader afterCorruption = process("jar-1");
        afterCorruption.loadClass(spec(""), UnrollMode.KERNEL);
        assertEquals(1, afterCorruption.generations());

        Files.delete(only(".classes"));
        ModelLoader afterDeletion = process("jar-1");
        afterDeletion.loadClass(spec(""), UnrollMode.KERNEL);
        assertEquals(1, afterDeletion.generations());
        assertEquals(1, afterDeletion.cache().stats().compilations());
    }

    @Test
    void offWithoutJars() {
        // the runtime's own classes run from target/classes here, never from a jar
        assertEquals(Optional.empty(), SourceIndex.codeIdentity("t"));
        assertFalse(new SourceIndex(Optional.of(dir), Optional.empty()).enabled());
        assertFalse(SourceIndex.off().enabled());
    }

    private Path only(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(suffix)).toList();
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        }
    }
}
