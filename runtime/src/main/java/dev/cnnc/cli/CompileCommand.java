package dev.cnnc.cli;

import dev.cnnc.compiler.codegen.GeneratedSource;
import dev.cnnc.compiler.codegen.GeneratorOptions;
import dev.cnnc.compiler.codegen.JavaGenerator;
import dev.cnnc.compiler.codegen.UnrollMode;
import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.runtime.InvalidFileException;
import dev.cnnc.runtime.IoErrors;
import dev.cnnc.runtime.LoadedSpec;
import dev.cnnc.runtime.compile.SourceTreeWriter;
import dev.cnnc.runtime.compile.WeightsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cnnc compile FILE}: writes the model as stand-alone Java source (JDK only). */
@Command(name = "compile", sortOptions = false,
        description = {"Write a model spec as stand-alone Java 17 source.",
            "Like protoc --java_out: the source tree goes under DIR by package "
                + "(DIR/com/acme/LeNet5.java). It compiles with plain javac and needs nothing beside the JDK. "
                + "Files that already hold the same text are left alone; a file with other content is "
                + "only replaced with --force."})
final class CompileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "FILE", description = "A model spec (YAML, format 1).")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = ".",
            description = "The root of the source tree (created if missing). Default: the current directory.")
    Path output;

    @Option(names = "--package", paramLabel = "P", description = "The Java package. Default: none.")
    String packageName;

    @Option(names = "--class", paramLabel = "C",
            description = "The class name. Default: derived from the spec's name (LeNet-5 -> LeNet5).")
    String className;

    @Option(names = "--weights", paramLabel = "W",
            description = "Weights (safetensors) to check against the model; with --embed-weights, to embed.")
    String weights;

    @Option(names = "--embed-weights",
            description = "Embed the --weights in the source: a single file that runs without a weights file.")
    boolean embed;

    @Option(names = "--unroll", paramLabel = "MODE", defaultValue = "kernel",
            description = "Unrolling of the window loops: none, kernel or full. Default: ${DEFAULT-VALUE}.")
    UnrollMode unroll;

    /** Only writes source: the flag needs no module here (the source's header says how to build it). */
    @Mixin
    VectorApiFlag vectorApi;

    @Option(names = "--force", description = "Replace existing files whose content differs.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        GeneratorOptions options = options();
        Optional<LoadedSpec> loaded = SpecInput.load(file, err);
        if (loaded.isEmpty()) {
            return ExitCode.INVALID_INPUT;
        }
        ModelIr ir = Lowering.lower(SpecInput.network(loaded.get()));
        if (weights != null) {
            try {
                float[] params = WeightsFile.read(weights, ir.params());
                if (embed) {
                    options = options.withEmbeddedWeights(params);
                }
            } catch (InvalidFileException e) {
                return SpecInput.invalid(e, err);
            }
        }
        GeneratedSource generated = JavaGenerator.generate(ir,
                options.withProvenance(VersionProvider.version(), file, sha256(loaded.get())));
        return write(generated);
    }

    private GeneratorOptions options() {
        if (embed && weights == null) {
            throw new ParameterException(spec.commandLine(), "--embed-weights needs --weights W");
        }
        GeneratorOptions options = GeneratorOptions.defaults().withUnroll(unroll).withVectorApi(vectorApi.enabled);
        try {
            if (packageName != null) {
                options = options.withPackage(packageName);
            }
            if (className != null) {
                options = options.withClassName(className);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return options;
    }

    private int write(GeneratedSource generated) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            SourceTreeWriter.Result result = SourceTreeWriter.write(output, generated.files(), force);
            for (String path : result.written()) {
                out.println(file + ": wrote " + output.resolve(path));
            }
            for (String path : result.unchanged()) {
                out.println(file + ": unchanged " + output.resolve(path));
            }
            out.flush();
            return ExitCode.OK;
        } catch (SourceTreeWriter.ConflictException e) {
            throw new CommandFailure(e.getMessage() + "; pass --force to replace", e);
        } catch (IOException e) {
            throw new CommandFailure("cannot write the source under " + output + ": " + IoErrors.describe(e), e);
        }
    }

    /**
     * The SHA-256 of the spec file's bytes (what {@code sha256sum FILE} prints), recorded in the
     * generated header (of the text as read, should the file no longer be readable).
     */
    private static String sha256(LoadedSpec spec) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(spec.file()));
        } catch (IOException | RuntimeException e) {
            bytes = spec.source().orElseThrow().text().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
