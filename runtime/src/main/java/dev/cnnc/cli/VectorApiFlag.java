package dev.cnnc.cli;

import dev.cnnc.runtime.compile.InMemoryCompiler;
import dev.cnnc.runtime.compile.ModelLoader;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --vector-api} flag of the commands that generate a model: the opt-in
 * {@code jdk.incubator.vector} convolution kernels. They load only in a JVM started with
 * {@code --add-modules jdk.incubator.vector}, which the {@code cnnc} launcher adds when it sees
 * the flag.
 */
final class VectorApiFlag {
    static final String NAME = "--vector-api";

    @Option(names = NAME, description = "Use the opt-in jdk.incubator.vector kernels for stride-1 convolutions "
            + "(faster on CPUs with wide vectors; Java needs --add-modules jdk.incubator.vector, which the cnnc "
            + "launcher adds).")
    boolean enabled;

    /**
     * Whether the flag was given, after checking that this JVM can load vector kernels.
     *
     * @throws ParameterException (exit code 2) when it was given and the module is missing
     */
    boolean loadable(CommandLine command) {
        if (enabled && !ModelLoader.vectorModuleLoaded()) {
            throw new ParameterException(command, NAME + " needs Java started with --add-modules "
                    + InMemoryCompiler.VECTOR_MODULE + ": run through the cnnc launcher (which adds it), or add it "
                    + "to your java command");
        }
        return enabled;
    }
}
