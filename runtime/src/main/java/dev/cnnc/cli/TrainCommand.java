package dev.cnnc.cli;

import dev.cnnc.runtime.InvalidFileException;
import dev.cnnc.runtime.IoErrors;
import dev.cnnc.runtime.LoadedSpec;
import dev.cnnc.runtime.report.RunDirectoryException;
import dev.cnnc.runtime.run.CnncHome;
import dev.cnnc.runtime.run.DataSource;
import dev.cnnc.runtime.run.ModelFactory;
import dev.cnnc.runtime.run.Overrides;
import dev.cnnc.runtime.run.StopOnSignal;
import dev.cnnc.runtime.run.TrainingData;
import dev.cnnc.runtime.run.TrainingRun;
import dev.cnnc.runtime.train.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cnnc train FILE}: trains the model and writes the run folder (contract §2). */
@Command(name = "train", sortOptions = false,
        description = {"Train a model and write its run folder: spec.yaml, weights.safetensors (best epoch on "
            + "validation data, else the last), last.safetensors, checkpoint/, metrics.csv, curves.png, "
            + "kernels.png, confusion.csv and src/ (the generated Java model).",
            "Settings come from the spec's train: section; the flags below override them."})
final class TrainCommand implements Callable<Integer> {
    /** Makes the trainable model; tests replace it. */
    static ModelFactory factory = GeneratedModels.FACTORY;

    /** Receives each run's stop action as it starts; tests use it to interrupt a run. */
    static java.util.function.Consumer<Runnable> onRunStart = stop -> { };

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "FILE", description = "A model spec (YAML, format 1).")
    String file;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The data: an IDX folder (MNIST layout), a CSV file, or an image folder. "
                + "Default: the bundled MNIST subset (data/mnist-10k).")
    Path data;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "The run folder (created if missing). Default: runs/<spec name>.")
    Path output;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs to train (overrides train.epochs).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N",
            description = "Batch size (overrides train.batch); one larger than the data is the whole data.")
    Integer batch;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (overrides train.optimizer.lr).")
    Double lr;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (overrides train.seed).")
    Long seed;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Training threads, 1 to 1024 (data-parallel: each batch is split between them; the "
                + "result depends on T but not on timing). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--resume", paramLabel = "CKPT", arity = "0..1", fallbackValue = "",
            description = "Continue an interrupted run from its checkpoint folder (the same model: parameter "
                + "names and shapes must match; training settings may change). Default: OUT/checkpoint.")
    String resume;

    @Option(names = "--force", description = "Overwrite the files of another run in OUT.")
    boolean force;

    /**
     * Trains with the vector kernels; the run's src/ stays the portable model (cnnc compile
     * --vector-api writes the other).
     */
    @Mixin
    VectorApiFlag vectorApi;

    @Option(names = "--limit", hidden = true, paramLabel = "N", defaultValue = "0",
            description = "Use only the first N training and N test samples (for quick checks).")
    int limit;

    @Override
    public Integer call() {
        Overrides overrides = TrainUsage.check(this);
        ModelFactory models = vectorApi.loadable(spec.commandLine()) ? GeneratedModels.factory(true) : factory;
        PrintWriter err = spec.commandLine().getErr();
        Optional<LoadedSpec> loaded = SpecInput.load(file, err);
        if (loaded.isEmpty()) {
            return ExitCode.INVALID_INPUT;
        }
        Path out = outputFolder(loaded.get());
        Optional<Path> ckpt = resume == null ? Optional.empty()
                : Optional.of(resume.isEmpty() ? out.resolve("checkpoint") : Path.of(resume));
        TrainingRun run = new TrainingRun(loaded.get(), models, VersionProvider.version(), err::println);
        onRunStart.accept(run::requestStop);
        try (StopOnSignal stop = StopOnSignal.install(run::requestStop);
                ProgressListener progress = progress(err)) {
            TrainingData d = DataSource.load(dataFolder(), SpecInput.network(loaded.get()).input(),
                    loaded.get().spec().orElseThrow().classes()).limit(limit);
            TrainingRun.Outcome outcome = run.run(d, new TrainingRun.Options(out, force, ckpt, overrides, threads), progress);
            progress.close();
            return TrainReport.print(outcome, file, out, spec.commandLine().getOut(), err);
        } catch (InvalidFileException e) {
            return SpecInput.invalid(e, err);
        } catch (RunDirectoryException e) {
            throw new CommandFailure(e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandFailure("cannot write the run folder " + out + ": " + IoErrors.describe(e), e);
        }
    }

    private Path outputFolder(LoadedSpec loaded) {
        if (output != null) {
            return output;
        }
        if (resume != null && !resume.isEmpty()) {
            Path parent = Path.of(resume).normalize().getParent();
            return parent != null ? parent : Path.of(".");
        }
        String name = loaded.spec().orElseThrow().name().replaceAll("[^A-Za-z0-9._-]+", "_");
        return Path.of("runs", name.isEmpty() || name.startsWith(".") ? "model" : name);
    }

    private Path dataFolder() {
        if (data != null) {
            return data;
        }
        return CnncHome.bundledData().orElseThrow(() -> new CommandFailure("the bundled data set ("
                + CnncHome.BUNDLED_DATA + ") was not found next to cnnc; pass --data DIR", null));
    }

    private ProgressListener progress(PrintWriter err) {
        boolean live = ProgressListener.interactive(System.console() != null, System.getenv("CI"));
        return live ? new dev.cnnc.runtime.train.TerminalProgress(WriterStream.over(err))
                : new dev.cnnc.runtime.train.LineProgress(WriterStream.over(err));
    }
}
