package dev.cnnc.cli;

import dev.cnnc.compiler.codegen.UnrollMode;
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
            description = "Threads for the batch throughput (the batch is split between them). Default: ${DEFAULT-VALUE}.")
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
            description = "Timed seconds per measurement (after as much warm-up). Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--no-cache-timing",
            description = "Do not time loading from the disk cache (which writes the model into the cache).")
    boolean noCacheTiming;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Override
    public Integer call() {
        if (batch < 1 || threads < 1 || seconds <= 0 || peak <= 0) {
            throw new ParameterException(spec.commandLine(), "--batch, --threads, --seconds and --peak must be positive");
        }
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        Optional<LoadedSpec> loaded = SpecInput.load(file, err);
        if (loaded.isEmpty()) {
            return ExitCode.INVALID_INPUT;
        }
        ModelClass type = ModelLoader.inMemory(VersionProvider.version()).loadClass(loaded.get(), UnrollMode.KERNEL);
        double coldMs = (System.nanoTime() - t0) / 1e6;
        double cachedMs = cachedLoadMs();
        float[] params;
        try {
            params = weights != null ? WeightsFile.read(weights, type.paramTensors())
                    : ModelBench.heInit(type.paramTensors(), type.paramCount(), 1);
        } catch (InvalidFileException e) {
            return SpecInput.invalid(e, err);
        }
        NetworkSummary summary = NetworkSummary.of(SpecInput.network(loaded.get()));
        ModelBench bench = new ModelBench(type, params, summary, new Stopwatch(seconds, seconds, 10));
        double trainSamplesPerS = Double.NaN;
        if (train) {
            TrainableModel trainable = GeneratedModels.FACTORY.create(loaded.get());
            if (trainable.layout().size() != params.length) {
                throw new IllegalStateException("training layout has " + trainable.layout().size()
                        + " values, inference " + params.length);
            }
            trainSamplesPerS = TrainBench.samplesPerSecond(trainable, params.clone(), batch,
                    new Stopwatch(seconds, seconds, 10));
        }
        BenchResult result = bench.run(new ModelBench.Plan(batch, threads, perLayer), coldMs, cachedMs,
                trainSamplesPerS, train ? "" : "not requested (--train)");
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == OutputFormat.json ? result.json(peak) + System.lineSeparator() : result.text(peak));
        out.flush();
        return ExitCode.OK;
    }

    /**
     * Spec file to loaded class through the disk cache: one load fills the cache (if needed),
     * then a fresh loader (empty memory level) is timed.
     */
    private double cachedLoadMs() {
        if (noCacheTiming || ModelCache.defaultDirectory().isEmpty()) {
            return Double.NaN;
        }
        ModelLoader.withDefaultCache(VersionProvider.version()).loadClass(new SpecLoader().load(file),
                UnrollMode.KERNEL);
        long t0 = System.nanoTime();
        ModelLoader.withDefaultCache(VersionProvider.version()).loadClass(new SpecLoader().load(file),
                UnrollMode.KERNEL);
        return (System.nanoTime() - t0) / 1e6;
    }
}
