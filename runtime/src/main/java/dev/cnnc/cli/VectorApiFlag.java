package dev.cnnc.cli;

import dev.cnnc.runtime.compile.InMemoryCompiler;
import dev.cnnc.runtime.compile.ModelLoader;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --vector-api} flag: the opt-in {@code jdk.incubator.vector} kernels load only in a
 * JVM started with {@code --add-modules jdk.incubator.vector}, which the {@code cnnc} launcher
 * adds when it sees the flag.
 */
final class VectorApiFlag {
    static final String NAME = "--vector-api";

    private VectorApiFlag() {
    }

    /** A usage error (exit code 2) when this JVM cannot load vector kernels. */
    static void check(CommandLine command) {
        if (!ModelLoader.vectorModuleLoaded()) {
            throw new ParameterException(command, NAME + " needs Java started with --add-modules "
                    + InMemoryCompiler.VECTOR_MODULE + ": run through the cnnc launcher (which adds it), or add it "
                    + "to your java command");
        }
    }
}
