package dev.cnnc.runtime.compile;

import java.util.Objects;
import java.util.Optional;

/**
 * Turns a model's generated source into a running {@link CompiledModel}: compiles it through
 * the {@link ModelCache} (so a spec that ran before is not compiled again), loads the class in
 * its own class loader and binds it ({@link ModelClass}).
 */
public final class ModelLoader {
    private final ModelCache cache;

    public ModelLoader(ModelCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** A loader with a fresh compiler and the default disk cache ({@link ModelCache#defaultDirectory()}). */
    public static ModelLoader withDefaultCache(String toolVersion) {
        return new ModelLoader(new ModelCache(new InMemoryCompiler(), ModelCache.defaultDirectory(), toolVersion,
                new ModelCache.Listener() { }));
    }

    /** A loader that caches in memory only (tests, and runs with the disk cache turned off). */
    public static ModelLoader inMemory(String toolVersion) {
        return new ModelLoader(new ModelCache(new InMemoryCompiler(), Optional.empty(), toolVersion,
                new ModelCache.Listener() { }));
    }

    public ModelCache cache() {
        return cache;
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
