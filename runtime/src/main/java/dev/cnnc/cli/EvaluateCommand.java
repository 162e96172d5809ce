package dev.cnnc.cli;

import dev.cnnc.compiler.codegen.UnrollMode;
import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.runtime.InvalidFileException;
import dev.cnnc.runtime.IoErrors;
import dev.cnnc.runtime.LoadedSpec;
import dev.cnnc.runtime.compile.CompiledModel;
import dev.cnnc.runtime.compile.ModelLoader;
import dev.cnnc.runtime.compile.WeightsFile;
import dev.cnnc.runtime.data.DataException;
import dev.cnnc.runtime.data.Dataset;
import dev.cnnc.runtime.predict.Ranking;
import dev.cnnc.runtime.report.EvaluationReport;
import dev.cnnc.runtime.run.CnncHome;
import dev.cnnc.runtime.run.DataChecks;
import dev.cnnc.runtime.run.DataSource;
import dev.cnnc.runtime.run.Evaluation;
import dev.cnnc.runtime.run.TrainingData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cnnc evaluate FILE --weights W}: loss, accuracy, per-class scores and the confusion matrix. */
@Command(name = "evaluate", sortOptions = false,
        description = {"Evaluate a model with weights on the test split of a data set: mean loss, accuracy, "
            + "precision, recall and F1 per class, and the confusion matrix (rows: actual, columns: predicted).",
            "The test split is t10k-* of an IDX folder, test.csv or test/ of a folder; a data set with one "
                + "split (a CSV file, an image folder) is evaluated whole."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "FILE", description = "A model spec (YAML, format 1).")
    String file;

    @Option(names = "--weights", required = true, paramLabel = "W", description = "The weights (safetensors).")
    String weights;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The data (as for train). Default: the bundled MNIST subset (data/mnist-10k).")
    Path data;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text",
            description = "text or json. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "256",
            description = "Samples per forward call. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Mixin
    VectorApiFlag vectorApi;

    @Override
    public Integer call() {
        boolean vectors = vectorApi.loadable(spec.commandLine());
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be at least 1, got " + batch);
        }
        PrintWriter err = spec.commandLine().getErr();
        Optional<LoadedSpec> loaded = SpecInput.load(file, err);
        if (loaded.isEmpty()) {
            return ExitCode.INVALID_INPUT;
        }
        TypedNetwork network = SpecInput.network(loaded.get());
        try {
            float[] params = WeightsFile.read(weights, Lowering.lower(network).params());
            Dataset test = testSplit(network);
            CompiledModel model = ModelLoader.withDefaultCache(VersionProvider.version()).withVectorApi(vectors)
                    .loadClass(loaded.get(), UnrollMode.KERNEL).instantiate(params);
            EvaluationReport report = Evaluation.evaluate(model, test, network.spec().train().loss(),
                    Ranking.endsInSoftmax(network.spec()), network.spec().classes(), batch);
            PrintWriter out = spec.commandLine().getOut();
            out.print(format == OutputFormat.json ? report.toJson() + System.lineSeparator() : report.toText());
            out.flush();
            return ExitCode.OK;
        } catch (InvalidFileException e) {
            return SpecInput.invalid(e, err);
        } catch (IOException e) {
            throw new CommandFailure("cannot read the data: " + IoErrors.describe(e), e);
        }
    }

    private Dataset testSplit(TypedNetwork network) throws DataException, IOException {
        Path dir = data != null ? data : CnncHome.bundledData().orElseThrow(() -> new CommandFailure(
                "the bundled data set (" + CnncHome.BUNDLED_DATA + ") was not found next to cnnc; pass --data DIR",
                null));
        TrainingData all = DataSource.load(dir, network.input(), network.spec().classes());
        Dataset test = DataSource.evaluationSplit(all);
        DataChecks.checkSplit(all.source(), all.test().isPresent() ? "test" : "evaluation", test, network.input(),
                (int) network.output().size());
        return test;
    }
}
