package dev.cnnc.runtime.compile;

import dev.cnnc.compiler.codegen.GeneratedSource;
import dev.cnnc.compiler.codegen.GeneratorOptions;
import dev.cnnc.compiler.codegen.JavaGenerator;
import dev.cnnc.compiler.codegen.UnrollMode;
import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.runtime.LoadedSpec;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a network into a running {@link CompiledModel}: generates its Java source
 * ({@link JavaGenerator}), compiles it through the {@link ModelCache} (so a spec that ran
 * before is not compiled again, and with a {@link SourceIndex} not even generated), loads the class in
 * its own class loader and binds it ({@link ModelClass}). A long-running program should keep
 * one loader: its cache's in-memory level lives as long as the loader.
 */
public final class ModelLoader {
    private final ModelCache cache;
    private final SourceIndex index;
    private final boolean vectorApi;
    private final AtomicLong generations = new AtomicLong();

    /** A loader without a {@link SourceIndex}: every load generates the source. */
    public ModelLoader(ModelCache cache) {
        this(cache, SourceIndex.off());
    }

    public ModelLoader(ModelCache cache, SourceIndex index) {
        this(cache, index, false);
    }

    private ModelLoader(ModelCache cache, SourceIndex index, boolean vectorApi) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.index = Objects.requireNonNull(index, "index");
        this.vectorApi = vectorApi;
    }

    /**
     * A loader on the same cache that generates with or without the opt-in
     * {@code jdk.incubator.vector} kernels ({@link GeneratorOptions#vectorApi()}).
     *
     * @throws IllegalStateException when {@code on} and this JVM was started without the module
     *                               ({@code --add-modules jdk.incubator.vector}): its classes could
     *                               not be loaded
     */
    public ModelLoader withVectorApi(boolean on) {
        if (on && !vectorModuleLoaded()) {
            throw new IllegalStateException("the vector kernels need the JVM option --add-modules "
                    + InMemoryCompiler.VECTOR_MODULE);
        }
        return new ModelLoader(cache, index, on);
    }

    /** Whether this JVM resolved {@code jdk.incubator.vector} (was started with {@code --add-modules}). */
    public static boolean vectorModuleLoaded() {
        return ModuleLayer.boot().findModule(InMemoryCompiler.VECTOR_MODULE).isPresent();
    }

    /**
     * A loader with a fresh compiler and the default disk cache ({@link ModelCache#defaultDirectory()}),
     * with a {@link SourceIndex} there when cnnc runs from its jar.
     */
    public static ModelLoader withDefaultCache(String toolVersion) {
        Optional<java.nio.file.Path> dir = ModelCache.defaultDirectory();
        return new ModelLoader(new ModelCache(new InMemoryCompiler(), dir, toolVersion, new ModelCache.Listener() { }),
                new SourceIndex(dir, SourceIndex.codeIdentity(toolVersion)));
    }

    /** A loader that caches in memory only (tests, and runs with the disk cache turned off). */
    public static ModelLoader inMemory(String toolVersion) {
        return new ModelLoader(new ModelCache(new InMemoryCompiler(), Optional.empty(), toolVersion,
                new ModelCache.Listener() { }));
    }

    public ModelCache cache() {
        return cache;
    }

    /** How to load a network: the unrolling, and the parameters (zeros when empty). */
    public record Options(UnrollMode unroll, Optional<float[]> params) {
        public Options {
            Objects.requireNonNull(unroll, "unroll");
            Objects.requireNonNull(params, "params");
        }

        /** Kernel unrolling (the generator's default) with the given parameters. */
        public static Options withParams(float[] params) {
            return new Options(UnrollMode.KERNEL, Optional.of(params));
        }
    }

    /**
     * The generated source of {@code network} for running in this process: the default
     * package, and a fixed provenance header so that the same network always has the same
     * source (and cache key) wherever its spec file lies.
     */
    public ModelSource source(TypedNetwork network, UnrollMode unroll) {
        ModelIr ir = Lowering.lower(network);
        GeneratorOptions options = GeneratorOptions.defaults().withUnroll(unroll).withVectorApi(vectorApi)
                .withProvenance(cache.toolVersion(), "model.yaml", "");
        GeneratedSource generated = JavaGenerator.generate(ir, options);
        generations.incrementAndGet();
        return new ModelSource(generated.files(), generated.mainClass(), ir.params());
    }

    /**
     * Like {@link #source(TypedNetwork, UnrollMode)}, with the training members
     * ({@code forwardTrain}, {@code backward}, …) that {@link GeneratedTrainableModel} binds.
     */
    public ModelSource trainableSource(TypedNetwork network, UnrollMode unroll) {
        ModelIr ir = Lowering.lower(network);
        GeneratorOptions options = GeneratorOptions.defaults().withUnroll(unroll).withVectorApi(vectorApi)
                .withProvenance(cache.toolVersion(), "model.yaml", "");
        GeneratedSource generated = JavaGenerator.generateTrainable(ir, options);
        generations.incrementAndGet();
        return new ModelSource(generated.files(), generated.mainClass(), ir.params());
    }

    /**
     * The model class of a valid spec: like {@link #loadClass(TypedNetwork, UnrollMode)}, but
     * when the {@link SourceIndex} knows the spec's text and its classes are cached, the source
     * is not generated at all.
     *
     * @throws IllegalArgumentException when {@code spec} has errors
     */
    public ModelClass loadClass(LoadedSpec spec, UnrollMode unroll) {
        TypedNetwork network = spec.network().orElseThrow(
                () -> new IllegalArgumentException("spec " + spec.file() + " has errors"));
        String text = spec.source().orElseThrow().text();
        Optional<SourceIndex.Entry> entry = index.find(text, unroll, vectorApi);
        if (entry.isPresent()) {
            Optional<CompiledClasses> classes = cache.cached(entry.get().sourceKey());
            if (classes.isPresent()) {
                return new ModelClass(classes.get().load(entry.get().mainClass()), Lowering.lower(network).params());
            }
        }
        cache.warmUpCompiler(); // javac starts on the other core while the source is generated
        ModelSource source = source(network, unroll);
        ModelClass type = loadClass(source);
        index.store(text, unroll, vectorApi, new SourceIndex.Entry(cache.key(source.files()), source.mainClass()));
        return type;
    }

    /** How many times this loader generated source (for tests of the index). */
    public long generations() {
        return generations.get();
    }

    /** Generates, compiles (or finds in the cache) and loads the model class of {@code network}. */
    public ModelClass loadClass(TypedNetwork network, UnrollMode unroll) {
        return loadClass(source(network, unroll));
    }

    /** The model of {@code network}, ready to run. */
    public CompiledModel load(TypedNetwork network, Options options) {
        ModelClass type = loadClass(network, options.unroll());
        return type.instantiate(options.params().orElseGet(() -> new float[type.paramCount()]));
    }

    /** Compiles (or finds in the cache) and loads the model class of {@code source}. */
    public ModelClass loadClass(ModelSource source) {
        CompiledClasses classes = cache.classes(source.files());
        return new ModelClass(classes.load(source.mainClass()), source.params());
    }

    /** The model of {@code source} with the flat parameter array {@code params}. */
    public CompiledModel load(ModelSource source, float[] params) {
        return loadClass(source).instantiate(params);
    }
}
