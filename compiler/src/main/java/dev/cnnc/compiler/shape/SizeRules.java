package dev.cnnc.compiler.shape;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.model.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks computed sizes against what Java can represent (OVERFLOW) and the documented
 * ceilings of {@link Limits} (TOO_LARGE), using exact arithmetic throughout.
 */
final class SizeRules {
    private final Reporter reporter;

    SizeRules(Reporter reporter) {
        this.reporter = reporter;
    }

    /**
     * The shape with these dims, or empty after reporting that it is too large.
     *
     * @param from the incoming tensor(s) for the message, e.g. {@code [C=3, H=8, W=8] from 'input'}
     */
    Optional<Shape> tensor(Layer layer, String key, List<Long> dims, String from) {
        long n = Limits.product(dims.stream().mapToLong(Long::longValue).toArray());
        String shown = describe(dims) + " (input " + from + ")";
        if (n < 0 || n > Limits.MAX_REPRESENTABLE) {
            reporter.error(layer, key, Code.OVERFLOW, layer.describe() + ": the output " + shown + " has "
                    + (n < 0 ? "more than 2^63" : String.format("%,d", n)) + " elements, more than a Java array can hold ("
                    + String.format("%,d", Limits.MAX_REPRESENTABLE) + ")", "reduce the sizes before this layer");
            return Optional.empty();
        }
        if (n > Limits.MAX_TENSOR_ELEMENTS) {
            reporter.error(layer, key, Code.TOO_LARGE, layer.describe() + ": the output " + shown + " has "
                    + String.format("%,d", n) + " elements; one tensor may have at most "
                    + Limits.describe(Limits.MAX_TENSOR_ELEMENTS), "reduce the sizes before this layer");
            return Optional.empty();
        }
        List<Integer> ints = new ArrayList<>();
        dims.forEach(d -> ints.add(d.intValue()));
        return Optional.of(new Shape(ints));
    }

    /** Whether a layer's parameter count (-1: overflow) is within the ceiling; reports if not. */
    boolean params(Layer layer, String key, long params) {
        if (params < 0) {
            reporter.error(layer, key, Code.OVERFLOW, layer.describe()
                    + ": the parameter count exceeds 2^63", "use fewer filters or units, or a smaller kernel");
            return false;
        }
        if (params > Limits.MAX_PARAMS) {
            reporter.error(layer, key, Code.TOO_LARGE, layer.describe() + ": " + String.format("%,d", params)
                    + " parameters; a network may have at most " + Limits.describe(Limits.MAX_PARAMS),
                    "use fewer filters or units, or reduce the input to this layer");
            return false;
        }
        return true;
    }

    /** Whether the MAC count (-1: overflow) is representable; reports if not. */
    boolean macs(Layer layer, String key, long macs) {
        if (macs < 0) {
            reporter.error(layer, key, Code.OVERFLOW, layer.describe()
                    + ": the multiply-accumulate count per sample exceeds 2^63", "reduce the sizes of this layer");
            return false;
        }
        return true;
    }

    /** {@code [C=3, H=100000, W=100000]} for dims that may not fit an int. */
    static String describe(List<Long> dims) {
        List<String> names = dims.size() == 1 ? List.of("N") : dims.size() == 2 ? List.of("C", "L")
                : List.of("C", "H", "W");
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.size(); i++) {
            b.append(i > 0 ? ", " : "").append(names.get(Math.min(i, names.size() - 1))).append('=').append(dims.get(i));
        }
        return b.append(']').toString();
    }
}
