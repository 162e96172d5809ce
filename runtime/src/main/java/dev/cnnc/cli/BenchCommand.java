package dev.cnnc.cli;

import dev.cnnc.compiler.codegen.JavaGenerator;
import dev.cnnc.compiler.codegen.UnrollMode;
import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.runtime.InvalidFileException;
import dev.cnnc.runtime.LoadedSpec;
import dev.cnnc.runtime.NetworkSummary;
import dev.cnnc.runtime.SpecLoader;
import dev.cnnc.runtime.bench.BenchResult;
import dev.cnnc.runtime.bench.ModelBench;
import dev.cnnc.runtime.bench.Stopwatch;
import dev.cnnc.runtime.bench.TrainBench;
import dev.cnnc.runtime.compile.ModelCache;
import dev.cnnc.runtime.compile.ModelClass;
import dev.cnnc.runtime.compile.ModelLoader;
import dev.cnnc.runtime.compile.WeightsFile;
import dev.cnnc.runtime.train.TrainableModel;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cnnc bench FILE [--batch N] [--threads T] [--train] [--format json]}: speed of the compiled model. */
@Command(name = "bench", sortOptions = false,
        description = {"Measure the compiled model: warm median latency of one forward (batch 1), inference "
            + "throughput at --batch over --threads threads, allocation per call, and the time from the spec "
            + "file to a loaded class (cold, and from the disk cache). Random He-initialised weights unless "
            + "--weights. Timing needs a quiet machine: other processes make the numbers slower."})
final class BenchCommand implements Callable<Integer> {
    /** The longest timed run per measurement, one hour. */
    static final double MAX_SECONDS = 3600;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "FILE", description = "A model spec (YAML, format 1).")
    String file;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Batch size of the throughput runs. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Threads for the batch throughput (the batch is split between them), 1 to 1024 and at most "
                + "--batch. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--train", description = "Also measure training (forward + loss + backward + optimizer step).")
    boolean train;

    @Option(names = "--weights", paramLabel = "W", description = "Weights (safetensors) instead of random ones.")
    String weights;

    @Option(names = "--per-layer", description = "Also time each layer method and report its GFLOP/s.")
    boolean perLayer;

    @Option(names = "--peak", paramLabel = "GFLOPS", defaultValue = "177",
            description = "Per-core peak GFLOP/s that per-layer percentages refer to. Default: ${DEFAULT-VALUE}.")
    double peak;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "1.0",
            description = "Timed seconds per measurement (after as much warm-up), at most 3600. "
                + "Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--no-cache-timing",
            description = "Do not time loading from the disk cache (which writes the model into the cache).")
    boolean noCacheTiming;

    @Mixin
    VectorApiFlag vectorApiFlag;
    private boolean vectorApi;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Override
    public Integer call() {
        checkFlags();
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        Optional<LoadedSpec> loaded = SpecInput.load(file, err);
        if (loaded.isEmpty()) {
            return ExitCode.INVALID_INPUT;
        }
        NetworkSummary summary = NetworkSummary.of(SpecInput.network(loaded.get()));
        checkMemory(summary);
        ModelClass type = ModelLoader.inMemory(VersionProvider.version()).withVectorApi(vectorApi)
                .loadClass(loaded.get(), UnrollMode.KERNEL);
        double coldMs = (System.nanoTime() - t0) / 1e6;
        double cachedMs = cachedLoadMs();
        float[] params;
        try {
            params = weights != null ? WeightsFile.read(weights, type.paramTensors())
                    : ModelBench.heInit(type.paramTensors(), type.paramCount(), 1);
        } catch (InvalidFileException e) {
            return SpecInput.invalid(e, err);
        }
        Stopwatch watch = new Stopwatch(seconds, seconds, 10);
        // only the per-layer table marks them: no second lowering otherwise
        Set<String> zeroSkipping = perLayer ? JavaGenerator.zeroSkippingLayers(
                Lowering.lower(SpecInput.network(loaded.get())), UnrollMode.KERNEL, vectorApi) : Set.of();
        ModelBench bench = new ModelBench(type, params, summary, watch, zeroSkipping);
        TrainBench.Result training = new TrainBench.Result(Double.NaN, Double.NaN);
        if (train) {
            TrainableModel trainable = GeneratedModels.factory(vectorApi).create(loaded.get());
            if (trainable.layout().size() != params.length) {
                throw new IllegalStateException("training layout has " + trainable.layout().size()
                        + " values, inference " + params.length);
            }
            training = TrainBench.measure(trainable, params.clone(), batch, watch);
        }
        BenchResult result = bench.run(new ModelBench.Plan(batch, threads, perLayer), coldMs, cachedMs, training,
                train ? "" : "not requested (--train)");
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == OutputFormat.json ? result.json(peak) + System.lineSeparator() : result.text(peak));
        out.flush();
        return ExitCode.OK;
    }

    /** The usage checks (exit code 2), each naming its flag and the value given. */
    private void checkFlags() {
        if (batch < 1) {
            throw usage("--batch must be at least 1, got " + batch);
        }
        if (threads < 1 || threads > TrainUsage.MAX_THREADS) {
            throw usage("--threads must be between 1 and " + TrainUsage.MAX_THREADS + ", got " + threads);
        }
        if (threads > batch) {
            throw usage("--threads " + threads + " is more than --batch " + batch
                    + ": each thread computes a share of one batch; give at most " + batch + " threads");
        }
        if (!(seconds > 0 && seconds <= MAX_SECONDS)) {
            throw usage("--seconds must be a number of seconds in (0, " + (int) MAX_SECONDS + "], got " + seconds);
        }
        if (!(peak > 0 && Double.isFinite(peak))) {
            throw usage("--peak must be a positive number of GFLOP/s, got " + peak);
        }
        vectorApi = vectorApiFlag.loadable(spec.commandLine());
    }

    /**
     * Refuses a batch whose inputs and activations alone would not fit the heap (exit code 2),
     * before anything is allocated: 4 bytes per value, every layer's output of every sample of
     * the batch, twice with {@code --train} (the gradients).
     */
    private void checkMemory(NetworkSummary summary) {
        long perSample = summary.activations() * (train ? 2 : 1);
        double need = 4.0 * perSample * batch;
        long max = Runtime.getRuntime().maxMemory();
        if (need > max) {
            throw usage(String.format(java.util.Locale.ROOT, "--batch %d needs about %s for the activations of one"
                    + " batch (%s values per sample%s), more than the %s this JVM may use; use a smaller --batch"
                    + " or raise the limit (CNNC_JAVA_OPTS=-Xmx...)", batch, Numbers.bytes((long) Math.min(need,
                    Long.MAX_VALUE)), Numbers.grouped(perSample), train ? " with gradients" : "",
                    Numbers.bytes(max)));
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Spec file to loaded class through the disk cache: one load fills the cache (if needed),
     * then a fresh loader (empty memory level) is timed.
     */
    private double cachedLoadMs() {
        if (noCacheTiming || ModelCache.defaultDirectory().isEmpty()) {
            return Double.NaN;
        }
        ModelLoader.withDefaultCache(VersionProvider.version()).withVectorApi(vectorApi)
                .loadClass(new SpecLoader().load(file), UnrollMode.KERNEL);
        long t0 = System.nanoTime();
        ModelLoader.withDefaultCache(VersionProvider.version()).withVectorApi(vectorApi)
                .loadClass(new SpecLoader().load(file), UnrollMode.KERNEL);
        return (System.nanoTime() - t0) / 1e6;
    }
}
