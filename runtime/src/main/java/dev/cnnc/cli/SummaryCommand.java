package dev.cnnc.cli;

import dev.cnnc.runtime.LoadedSpec;
import dev.cnnc.runtime.NetworkSummary;
import dev.cnnc.runtime.SpecLoader;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cnnc summary FILE}: a table of layers with shapes, parameters, MACs, receptive fields. */
@Command(name = "summary", sortOptions = false,
        description = {"Print a table of the layers of a model spec.",
            "Per layer: output shape, parameters, multiply-accumulates (MACs) per sample, receptive "
                + "field on the input (size and jump per axis) and, for convolutions, the parameters a "
                + "dense layer between the same tensors would need (and how many times more that is).",
            "An invalid spec prints its diagnostics and exits 1."})
final class SummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "FILE", description = "A model spec (YAML, format 1).")
    String file;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (a table), or json (one JSON object with a row per layer). "
                    + "Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Override
    public Integer call() {
        LoadedSpec result = new SpecLoader().load(file);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (format == OutputFormat.json) {
            out.println(json(result));
            out.flush();
            return result.ok() ? ExitCode.OK : ExitCode.INVALID_INPUT;
        }
        Reports.printDiagnostics(result, err);
        if (!result.ok()) {
            return ExitCode.INVALID_INPUT;
        }
        out.print(SummaryTable.render(result.file(), NetworkSummary.of(result.network().orElseThrow())));
        out.flush();
        return ExitCode.OK;
    }

    /** The file's diagnostics object, plus the summary members when the spec is valid. */
    private static String json(LoadedSpec result) {
        String diagnostics = Reports.json(result);
        return result.network()
                .map(n -> Reports.extend(diagnostics, SummaryJson.members(NetworkSummary.of(n))))
                .orElse(diagnostics);
    }
}
