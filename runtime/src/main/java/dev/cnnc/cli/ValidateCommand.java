package dev.cnnc.cli;

import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.runtime.LoadedSpec;
import dev.cnnc.runtime.SpecLoader;
import dev.cnnc.spec.diag.DiagnosticPrinter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cnnc validate FILE...}: parse and shape-check each file, report every problem. */
@Command(name = "validate", sortOptions = false,
        description = {"Parse and shape-check model specs.",
            "Prints 'FILE: ok (N layers, P parameters)' for a valid file (on stdout) and every "
                + "error and warning of an invalid one (on stderr). Exits 1 when any file has errors."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Model specs (YAML, format 1).")
    List<String> files;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text, or json: one JSON document on stdout with every file's diagnostics "
                    + "(stable codes). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Override
    public Integer call() {
        SpecLoader loader = new SpecLoader();
        List<LoadedSpec> results = new ArrayList<>();
        for (String file : files) {
            LoadedSpec result = loader.load(file);
            results.add(result);
            if (format == OutputFormat.text) {
                printText(result);
            }
        }
        boolean ok = results.stream().allMatch(LoadedSpec::ok);
        if (format == OutputFormat.json) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(json(results, ok));
            out.flush();
        }
        return ok ? ExitCode.OK : ExitCode.INVALID_INPUT;
    }

    private void printText(LoadedSpec result) {
        Reports.printDiagnostics(result, spec.commandLine().getErr());
        if (result.ok()) {
            TypedNetwork network = result.network().orElseThrow();
            PrintWriter out = spec.commandLine().getOut();
            out.println(result.file() + ": ok (" + Numbers.count(network.layers().size(), "layer") + ", "
                    + Numbers.count(network.totalParams(), "parameter") + Reports.warningsSuffix(result) + ")");
            out.flush();
        }
    }

    /** {@code {"files": [per-file diagnostics, plus layers/parameters/macs when ok], "ok": bool}}. */
    static String json(List<LoadedSpec> results, boolean ok) {
        StringBuilder b = new StringBuilder("{\"files\":[");
        for (int i = 0; i < results.size(); i++) {
            b.append(i == 0 ? "\n" : ",\n").append(fileJson(results.get(i)));
        }
        return b.append("\n],\"ok\":").append(ok).append('}').toString();
    }

    /**
     * One file's diagnostics as {@link DiagnosticPrinter#json} writes them, plus the layer,
     * parameter and MAC counts when the file is valid.
     */
    static String fileJson(LoadedSpec result) {
        String json = Reports.json(result);
        if (result.network().isEmpty()) {
            return json;
        }
        TypedNetwork network = result.network().get();
        return Reports.extend(json, "\"layers\":" + network.layers().size()
                + ",\"parameters\":" + network.totalParams()
                + ",\"macs\":" + network.totalMacs());
    }
}
