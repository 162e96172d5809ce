package dev.cnnc.cli;

import dev.cnnc.runtime.AtomicFiles;
import dev.cnnc.runtime.IoErrors;
import dev.cnnc.spec.schema.JsonSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cnnc schema [-o FILE]}: the JSON Schema of the spec format, for editors. */
@Command(name = "schema", sortOptions = false,
        description = {"Print the JSON Schema of the model spec format.",
            "For completion and checking in editors, e.g. with the YAML language server."})
final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the schema to FILE (replaced atomically) instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        String schema = JsonSchema.generate();
        if (!schema.endsWith("\n")) {
            schema += "\n";
        }
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(schema);
            out.flush();
            return ExitCode.OK;
        }
        try {
            AtomicFiles.writeString(output, schema);
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + output + ": " + IoErrors.describeWrite(output, e), e);
        }
        return ExitCode.OK;
    }
}
