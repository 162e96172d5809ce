package dev.cnnc.runtime.run;

import dev.cnnc.compiler.codegen.GeneratedSource;
import dev.cnnc.compiler.codegen.GeneratorOptions;
import dev.cnnc.compiler.codegen.JavaGenerator;
import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.runtime.InvalidFileException;
import dev.cnnc.runtime.LoadedSpec;
import dev.cnnc.runtime.compile.SourceTreeWriter;
import dev.cnnc.runtime.data.Dataset;
import dev.cnnc.runtime.report.CheckpointException;
import dev.cnnc.runtime.report.CheckpointStore;
import dev.cnnc.runtime.report.ConfusionMatrix;
import dev.cnnc.runtime.report.RunDirectory;
import dev.cnnc.runtime.report.RunOutputs;
import dev.cnnc.runtime.safetensors.SafetensorsReader;
import dev.cnnc.runtime.train.Adam;
import dev.cnnc.runtime.train.Checkpoint;
import dev.cnnc.runtime.train.DataSplit;
import dev.cnnc.runtime.train.Evaluator;
import dev.cnnc.runtime.train.LossFunction;
import dev.cnnc.runtime.train.ProgressListener;
import dev.cnnc.runtime.train.Samples;
import dev.cnnc.runtime.train.TrainableModel;
import dev.cnnc.runtime.train.Trainer;
import dev.cnnc.spec.model.TrainSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * One {@code cnnc train} run: checks the data against the model, opens the run folder, trains
 * with the spec's settings and the command-line overrides, writes every file of contract §2, and
 * evaluates the best weights on the test split.
 *
 * <p>{@code confusion.csv} and the reported accuracy come from the test split when the data has
 * one, else from the validation split, else from the training data ({@link Outcome#evaluatedOn()}).
 */
public final class TrainingRun {
    /**
     * What to do.
     *
     * @param out the run folder
     * @param force replace another run's files in {@code out}
     * @param resume the checkpoint folder to continue from, if resuming
     * @param overrides the command-line values for the {@code train:} section
     * @param threads training threads, each with its own model instance (data-parallel)
     */
    public record Options(Path out, boolean force, Optional<Path> resume, Overrides overrides, int threads) {
    }

    /**
     * How the run ended.
     *
     * @param result the trainer's result
     * @param spec the training settings used
     * @param evaluation the best weights on {@link #evaluatedOn()}, empty unless training completed
     * @param evaluatedOn "test", "validation" or "training"
     * @param divergedAt where the loss became NaN or infinite, for a diverged run
     */
    public record Outcome(Trainer.Result result, TrainSpec spec, Optional<Evaluator.Result> evaluation,
                          String evaluatedOn, String divergedAt) {
    }

    private final LoadedSpec spec;
    private final ModelFactory factory;
    private final Consumer<String> warnings;
    private final String version;
    private volatile Trainer trainer;
    private volatile boolean stopRequested;

    /** Creates a run of a valid spec; {@code warnings} receives one line per warning. */
    public TrainingRun(LoadedSpec spec, ModelFactory factory, String version, Consumer<String> warnings) {
        this.spec = spec;
        this.version = version;
        this.factory = factory;
        this.warnings = warnings;
    }

    /** Asks the run to stop before its next batch (from a signal handler or another thread). */
    public void requestStop() {
        stopRequested = true;
        Trainer t = trainer;
        if (t != null) {
            t.requestStop();
        }
    }

    /**
     * Trains on {@code data}.
     *
     * @throws InvalidFileException when the data does not fit the model or the checkpoint is unusable
     * @throws IOException when the run folder cannot be written (a {@code RunDirectoryException}
     *     when it holds another run's files)
     */
    public Outcome run(TrainingData data, Options options, ProgressListener progress)
            throws InvalidFileException, IOException {
        TypedNetwork network = spec.network().orElseThrow();
        TrainableModel model = factory.create(spec);
        DataChecks.check(data, network.input(), model.outputSize());
        Optional<Checkpoint> resume = Optional.empty();
        Overrides overrides = options.overrides();
        RunDirectory dir;
        if (options.resume().isPresent()) {
            dir = RunDirectory.resume(options.out());
            resume = Optional.of(new CheckpointStore(options.resume().get()).load(model.layout()));
            overrides = overrides.orElse(Overrides.fromInfo(resume.get().info()));
        } else {
            dir = RunDirectory.open(options.out(), options.force());
        }
        TrainSpec train = atMostTheData(overrides.apply(network.spec().train()), data.train().size());
        if (resume.isPresent()) {
            requireSameOptimizer(options.resume().get(), resume.get(), train);
            if (resume.get().epochsDone() >= train.epochs()) {
                warnings.accept("cnnc: note: the checkpoint has " + resume.get().epochsDone() + " epochs done and"
                        + " the run asks for " + train.epochs() + "; nothing is left to train (raise --epochs to"
                        + " train more)");
            }
        }
        writeSpecAndSource(dir, network, overrides);
        RunOutputs outputs = new RunOutputs(dir, model.layout(), warnings);
        List<TrainableModel> replicas = new ArrayList<>(List.of(model));
        while (replicas.size() < options.threads()) {
            replicas.add(factory.create(spec));
        }
        Trainer t = new Trainer(replicas, train, overrides.toInfo());
        trainer = t;
        if (stopRequested) {
            t.requestStop();
        }
        Samples samples = samples(data.train());
        BatchTracker tracker = new BatchTracker(progress);
        Trainer.Result result;
        try (tracker) {
            result = t.train(samples, tracker, outputs, resume.orElse(null));
        }
        if (result.status() == Trainer.Status.DIVERGED || result.status() == Trainer.Status.INTERRUPTED) {
            return new Outcome(result, train, Optional.empty(), "", tracker.divergedAt());
        }
        return finish(model, train, data, dir, outputs, result);
    }

    private Outcome finish(TrainableModel model, TrainSpec train, TrainingData data, RunDirectory dir,
            RunOutputs outputs, Trainer.Result result) throws IOException, InvalidFileException {
        float[] best = model.layout().fromTensors(dir.resolve("weights.safetensors").toString(),
                SafetensorsReader.read(dir.resolve("weights.safetensors")));
        Samples samples;
        int[] indices;
        String on;
        if (data.test().isPresent()) {
            samples = samples(data.test().get());
            indices = IntStream.range(0, samples.size()).toArray();
            on = "test";
        } else {
            samples = samples(data.train());
            DataSplit split = DataSplit.of(samples.size(), train.validationSplit(), train.seed());
            indices = split.hasValidation() ? split.validation() : split.train();
            on = split.hasValidation() ? "validation" : "training";
        }
        ConfusionMatrix matrix = new ConfusionMatrix(model.outputSize());
        Evaluator.Result r = Evaluator.evaluate(model, best, samples, indices, train.batch(),
                LossFunction.of(train.loss()), matrix::addBatch);
        outputs.finish(best, matrix, network().spec().classes());
        return new Outcome(result, train, Optional.of(r), on, "");
    }

    private TypedNetwork network() {
        return spec.network().orElseThrow();
    }

    /** Writes spec.yaml (the spec text, with the overrides recorded) and src/ (the generated model). */
    private void writeSpecAndSource(RunDirectory dir, TypedNetwork network, Overrides overrides) throws IOException {
        String text = spec.source().orElseThrow().text();
        dir.writeString("spec.yaml", SpecRecord.render(text, overrides, overrides.apply(network.spec().train())));
        GeneratedSource generated = JavaGenerator.generate(Lowering.lower(network),
                GeneratorOptions.defaults().withProvenance(version, spec.file(), SpecRecord.sha256(text)));
        SourceTreeWriter.write(dir.resolve("src"), generated.files(), true);
    }

    /**
     * The optimizer's state carries over only to an optimizer of the same type (SGD's momentum
     * buffer is not Adam's moments); its settings (lr, momentum, betas) may change. A checkpoint
     * whose state lacks a buffer the optimizer needs is incomplete.
     */
    private static void requireSameOptimizer(Path ckpt, Checkpoint c, TrainSpec train) throws CheckpointException {
        String saved = c.optimizer().type();
        String wanted = train.optimizer().type().yamlName();
        if (!saved.equals(wanted)) {
            throw new CheckpointException(ckpt.toString(), "this checkpoint holds the state of the " + saved
                    + " optimizer, but the spec's train.optimizer is " + wanted + "; the optimizer type cannot"
                    + " change on --resume (its state would not carry over): set type: " + saved
                    + " again, or train from the start with another -o (or --force without --resume)");
        }
        if (saved.equals(Adam.TYPE) && c.optimizer().steps() > 0) {
            for (String buffer : List.of(Adam.EXP_AVG, Adam.EXP_AVG_SQ)) {
                if (!c.optimizer().buffers().containsKey(buffer)) {
                    throw CheckpointException.incomplete(ckpt.toString(), "the adam state has no "
                            + buffer + " buffer");
                }
            }
        }
    }

    /**
     * A batch larger than the training data is the whole data, as with PyTorch's DataLoader: the
     * epoch is the same one batch, and no buffer is sized for samples that do not exist (so
     * {@code --batch 2000000000} trains instead of running out of memory).
     */
    static TrainSpec atMostTheData(TrainSpec t, int samples) {
        int batch = Math.max(1, Math.min(t.batch(), samples));
        return batch == t.batch() ? t : new TrainSpec(t.loss(), t.optimizer(), batch, t.epochs(), t.seed(),
                t.lrSchedule(), t.init(), t.earlyStopping(), t.validationSplit());
    }

    static Samples samples(Dataset d) {
        return Samples.of(d.pixels(), d.labels(), d.imageSize());
    }

}
