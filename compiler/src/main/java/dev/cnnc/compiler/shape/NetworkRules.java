package dev.cnnc.compiler.shape;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.NetworkSpec;
import java.util.Comparator;
import java.util.Map;

/** Checks of the network as a whole: the parameter ceiling and the length of {@code classes}. */
final class NetworkRules {
    private final Reporter reporter;

    NetworkRules(Reporter reporter) {
        this.reporter = reporter;
    }

    void check(NetworkSpec spec, Map<Layer, Inferred> inferred) {
        checkParams(spec, inferred);
        Inferred out = inferred.get(spec.output());
        if (out == null || spec.classes().isEmpty()) {
            return;
        }
        long size = out.output().size();
        if (size != spec.classes().size()) {
            reporter.diagnostics().error(Code.CLASSES_LENGTH, spec.positions().of("classes"),
                    "classes has " + spec.classes().size() + " names, but the output of " + spec.output().describe()
                            + " is " + out.output().describe() + " (" + size + " values)",
                    "give one class name per output value (" + size + "), or set the last layer's size to "
                            + spec.classes().size() + " (e.g. dense with units: " + spec.classes().size() + ")");
        }
    }

    /** Total parameters must stay within {@link Limits#MAX_PARAMS}; names the largest layer. */
    private void checkParams(NetworkSpec spec, Map<Layer, Inferred> inferred) {
        long total = 0;
        for (Inferred r : inferred.values()) {
            total = Limits.sum(total, r.params());
        }
        if (total >= 0 && total <= Limits.MAX_PARAMS) {
            return;
        }
        Map.Entry<Layer, Inferred> largest = inferred.entrySet().stream()
                .max(Comparator.comparingLong(e -> e.getValue().params())).orElseThrow();
        reporter.error(largest.getKey(), "type", Code.TOO_LARGE, "the network has "
                + (total < 0 ? "more than 2^63" : String.format("%,d", total)) + " parameters; at most "
                + Limits.describe(Limits.MAX_PARAMS) + " are allowed; the largest layer is "
                + largest.getKey().describe() + " with " + String.format("%,d", largest.getValue().params()),
                "shrink the largest layers, e.g. pool before `flatten` so that the first dense layer gets fewer inputs");
    }
}
