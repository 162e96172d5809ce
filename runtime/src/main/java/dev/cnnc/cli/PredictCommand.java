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
import dev.cnnc.runtime.predict.BatchPrediction;
import dev.cnnc.runtime.predict.ImageInput;
import dev.cnnc.runtime.predict.Ranking;
import dev.cnnc.runtime.safetensors.SafetensorsReader;
import dev.cnnc.runtime.safetensors.SafetensorsWriter;
import dev.cnnc.runtime.safetensors.Tensors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cnnc predict FILE --weights W (IMAGE... | --input X --output Y)}: runs the model. */
@Command(name = "predict", sortOptions = false,
        description = {"Run a model on images, or on a tensor file.",
            "With images (PNG, JPEG, BMP): prints the most probable classes of each, one line per image: "
                + "'IMAGE: LABEL P, LABEL P, LABEL P'. Images are read as grayscale for a 1-channel input and "
                + "RGB for 3 channels, scaled to [0, 1]; their size must match the input unless --resize.",
            "With --input X.safetensors: runs the model on the tensor 'input' [N, ...input shape] and writes "
                + "the tensor 'output' [N, ...output shape] to --output (an existing file only with --force)."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "FILE", description = "A model spec (YAML, format 1).")
    String file;

    @Parameters(index = "1..*", paramLabel = "IMAGE", description = "Images to classify.")
    List<Path> images = List.of();

    @Option(names = "--weights", required = true, paramLabel = "W", description = "The weights (safetensors).")
    String weights;

    @Option(names = "--input", paramLabel = "X", description = "A safetensors file with the tensor 'input'.")
    String input;

    @Option(names = "--output", paramLabel = "Y", description = "Where to write the tensor 'output' (safetensors).")
    Path output;

    @Option(names = "--force", description = "Replace an existing --output file.")
    boolean force;

    @Option(names = "--resize", description = "Scale images of another size to the model's input (bilinear).")
    boolean resize;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3",
            description = "How many classes to print per image. Default: ${DEFAULT-VALUE}.")
    int top;

    @Mixin
    VectorApiFlag vectorApi;

    @Override
    public Integer call() {
        checkUsage();
        boolean vectors = vectorApi.loadable(spec.commandLine());
        PrintWriter err = spec.commandLine().getErr();
        Optional<LoadedSpec> loaded = SpecInput.load(file, err);
        if (loaded.isEmpty()) {
            return ExitCode.INVALID_INPUT;
        }
        TypedNetwork network = SpecInput.network(loaded.get());
        try {
            // the weights first: bad ones fail before any code is generated or compiled
            float[] params = WeightsFile.read(weights, Lowering.lower(network).params());
            ModelLoader loader = ModelLoader.withDefaultCache(VersionProvider.version()).withVectorApi(vectors);
            CompiledModel model = loader.loadClass(loaded.get(), UnrollMode.KERNEL).instantiate(params);
            return input != null ? predictTensors(model) : predictImages(model, Ranking.endsInSoftmax(network.spec()));
        } catch (InvalidFileException e) {
            return SpecInput.invalid(e, err);
        }
    }

    private void checkUsage() {
        if (input == null && output == null && images.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give IMAGE files, or --input X --output Y");
        }
        if ((input == null) != (output == null)) {
            throw new ParameterException(spec.commandLine(), "--input and --output go together");
        }
        if (input != null && !images.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give either IMAGE files or --input, not both");
        }
        if (output != null && !force && Files.exists(output)) {
            throw new CommandFailure(output + " already exists; pass --force to replace it", null);
        }
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top must be at least 1, got " + top);
        }
    }

    private int predictImages(CompiledModel model, boolean softmax) throws InvalidFileException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImageInput.requireImageInput(file, model.inputShape());
        float[] y = new float[model.outputSize()];
        int failed = 0;
        for (Path image : images) {
            float[] x;
            try {
                x = ImageInput.read(image, model.inputShape(), resize);
            } catch (InvalidFileException e) {
                failed++;
                err.println(e.getMessage());
                err.flush();
                continue;
            }
            model.forward(x, y);
            double[] p = Ranking.probabilities(y, 0, y.length, softmax);
            out.println(image + ": " + Ranking.top(p, model.labels(), top).stream()
                    .map(s -> String.format(Locale.ROOT, "%s %.4f", s.label(), s.probability()))
                    .collect(Collectors.joining(", ")));
            out.flush();
        }
        return failed == 0 ? ExitCode.OK : ExitCode.INVALID_INPUT;
    }

    private int predictTensors(CompiledModel model) throws InvalidFileException {
        Tensors tensors;
        try {
            if (Files.isDirectory(Path.of(input))) {
                throw new InvalidFileException(input, "cannot read: is a directory");
            }
            tensors = SafetensorsReader.read(Path.of(input));
        } catch (IOException e) {
            throw new InvalidFileException(input, "cannot read: " + IoErrors.describe(e));
        }
        Tensors result = BatchPrediction.run(model, input, tensors);
        try {
            SafetensorsWriter.write(output, result);
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + output + ": " + IoErrors.describeWrite(output, e), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(output + ": wrote 'output' " + java.util.Arrays.toString(result.get(BatchPrediction.OUTPUT).shape()));
        out.flush();
        return ExitCode.OK;
    }
}
