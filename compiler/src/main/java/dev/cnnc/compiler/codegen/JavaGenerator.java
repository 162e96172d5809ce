package dev.cnnc.compiler.codegen;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import com.github.javaparser.printer.configuration.DefaultConfigurationOption;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration.ConfigOption;
import com.github.javaparser.printer.configuration.PrinterConfiguration;
import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.ir.ConvOp;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.ir.Op;
import dev.cnnc.compiler.shape.TypedNetwork;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generates the Java source of a model: lowers the network ({@link Lowering}), builds the class
 * as a JavaParser AST and prints it. The same network and options always give the same bytes.
 */
public final class JavaGenerator {
    private JavaGenerator() {
    }

    public static GeneratedSource generate(TypedNetwork network, GeneratorOptions options) {
        return generate(Lowering.lower(network), options);
    }

    public static GeneratedSource generate(ModelIr ir, GeneratorOptions options) {
        return print(new ModelClassBuilder(ir, options), options);
    }

    /**
     * Like {@link #generate(ModelIr, GeneratorOptions)}, plus the training members
     * ({@code forwardTrain}, {@code backward}, {@code inputGradients}, {@code setDropoutSeed};
     * see {@link TrainingEmitter}).
     */
    public static GeneratedSource generateTrainable(ModelIr ir, GeneratorOptions options) {
        return print(new ModelClassBuilder(ir, options, true), options);
    }

    /** {@link #generateTrainable(ModelIr, GeneratorOptions)} of the lowered network. */
    public static GeneratedSource generateTrainable(TypedNetwork network, GeneratorOptions options) {
        return generateTrainable(Lowering.lower(network), options);
    }

    /**
     * The layers whose generated forward skips zero input cells (the gathered convolutions,
     * docs/generated-code.md): their time depends on how many of their inputs are zero, so a
     * GFLOP/s figure computed from their dense MACs is an effective rate, not executed work.
     * {@code unroll} and {@code vectorApi} as in {@link GeneratorOptions}.
     */
    public static Set<String> zeroSkippingLayers(ModelIr ir, UnrollMode unroll, boolean vectorApi) {
        Set<Integer> relu = GatheredConvEmitter.reluOutputs(ir);
        Set<String> layers = new TreeSet<>();
        for (Op op : ir.ops()) {
            if (op instanceof ConvOp conv && ConvEmitter.gathered(conv, unroll, vectorApi, relu)) {
                layers.add(conv.layer());
            }
        }
        return layers;
    }

    private static GeneratedSource print(ModelClassBuilder builder, GeneratorOptions options) {
        CompilationUnit cu = builder.build();
        PrinterConfiguration config = new DefaultPrinterConfiguration()
                .addOption(new DefaultConfigurationOption(ConfigOption.END_OF_LINE_CHARACTER, "\n"));
        String text = new DefaultPrettyPrinter(config).print(cu);
        String pkg = options.packageName().map(p -> p + ".").orElse("");
        String fqn = pkg + builder.className();
        Map<String, String> files = new LinkedHashMap<>();
        files.put(fqn.replace('.', '/') + ".java", text);
        return new GeneratedSource(fqn, files);
    }
}
