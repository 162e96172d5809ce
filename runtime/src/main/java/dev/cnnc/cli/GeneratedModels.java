package dev.cnnc.cli;

import dev.cnnc.compiler.codegen.UnrollMode;
import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.runtime.LoadedSpec;
import dev.cnnc.runtime.compile.GeneratedTrainableModel;
import dev.cnnc.runtime.compile.ModelLoader;
import dev.cnnc.runtime.run.ModelFactory;
import dev.cnnc.runtime.train.TrainableModel;
import java.util.HashMap;
import java.util.Map;

/**
 * The trainable models of {@code cnnc train}: the generated forward and backward pass, compiled
 * once per network (through the compiled-model cache) and instantiated once per training thread.
 */
final class GeneratedModels implements ModelFactory {
    /** The factory the command uses. */
    static final ModelFactory FACTORY = new GeneratedModels(false);
    private static final ModelFactory VECTORS = new GeneratedModels(true);

    private final boolean vectorApi;
    private ModelLoader loader;
    private final Map<TypedNetwork, Class<?>> classes = new HashMap<>();

    private GeneratedModels(boolean vectorApi) {
        this.vectorApi = vectorApi;
    }

    /** {@link #FACTORY}, or its twin with the opt-in {@code jdk.incubator.vector} kernels. */
    static ModelFactory factory(boolean vectorApi) {
        return vectorApi ? VECTORS : FACTORY;
    }

    @Override
    public synchronized TrainableModel create(LoadedSpec spec) {
        TypedNetwork network = spec.network().orElseThrow();
        if (loader == null) {
            loader = ModelLoader.withDefaultCache(VersionProvider.version()).withVectorApi(vectorApi);
        }
        Class<?> type = classes.computeIfAbsent(network,
                n -> loader.loadClass(loader.trainableSource(n, UnrollMode.KERNEL)).type());
        return new GeneratedTrainableModel(type, Lowering.lower(network));
    }
}
