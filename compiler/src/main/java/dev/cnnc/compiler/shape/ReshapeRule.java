package dev.cnnc.compiler.shape;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.model.Reshape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rule of {@code reshape}: the same number of elements, with at most one -1 inferred. */
final class ReshapeRule {
    private final Reporter reporter;
    private final SizeRules sizes;

    ReshapeRule(Reporter reporter, SizeRules sizes) {
        this.reporter = reporter;
        this.sizes = sizes;
    }

    Optional<Shape> apply(Reshape r, Flow in) {
        long count = in.shape().size();
        long known = Limits.product(r.shape().stream().filter(d -> d > 0).mapToLong(Integer::longValue).toArray());
        boolean infer = r.shape().contains(-1);
        boolean fits = known > 0 && (infer ? count % known == 0 : count == known);
        if (!fits) {
            reporter.error(r, "shape", Code.RESHAPE_MISMATCH, message(r, in, known, infer), hints(r, count));
            return Optional.empty();
        }
        List<Long> dims = new ArrayList<>();
        for (int d : r.shape()) {
            dims.add(d == -1 ? count / known : d);
        }
        return sizes.tensor(r, "shape", dims, in.describe());
    }

    private static String message(Reshape r, Flow in, long known, boolean infer) {
        String target = "shape " + r.shape();
        String have = "the input " + in.describe() + " has " + in.shape().size() + " elements";
        String knownText = known < 0 ? "more than 2^63" : String.valueOf(known);
        if (infer) {
            return r.describe() + ": " + target + " needs a multiple of " + knownText + " elements (the product of "
                    + "the entries other than -1), but " + have;
        }
        return r.describe() + ": " + target + " has " + knownText + " elements, but " + have;
    }

    private static String[] hints(Reshape r, long count) {
        List<String> hints = new ArrayList<>();
        List<Integer> shape = r.shape();
        for (int i = 0; i < shape.size() && hints.isEmpty(); i++) {
            List<Integer> others = new ArrayList<>(shape);
            others.remove(i);
            long rest = Limits.product(others.stream().filter(d -> d > 0).mapToLong(Integer::longValue).toArray());
            if (!others.contains(-1) && rest > 0 && count % rest == 0) {
                List<Object> fixed = new ArrayList<>(shape);
                fixed.set(i, -1);
                List<Object> result = new ArrayList<>(shape);
                result.set(i, count / rest);
                hints.add("use shape: " + fixed + " (gives " + result + ")");
            }
        }
        hints.add("the product of the entries must be " + count + ", e.g. shape: [" + count + "]");
        return hints.toArray(String[]::new);
    }
}
