package dev.cnnc.runtime.safetensors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Compares the tensors of a weights file with the parameters a model expects.
 *
 * <p>Every problem is listed, not only the first: missing tensors and wrong shapes in the
 * model's order, then unexpected tensors in file order. PyTorch's BatchNorm bookkeeping tensor
 * {@code *.num_batches_tracked} is tolerated: it is part of a PyTorch {@code state_dict()} but
 * not of the computation, so a PyTorch file loads without conversion (contract §1.4).
 */
final class ShapeCheck {
    /** The suffix of PyTorch tensors that are not model parameters. */
    static final String PYTORCH_BOOKKEEPING = ".num_batches_tracked";

    private ShapeCheck() {
    }

    /** Returns one message per problem; empty when the tensors fit. */
    static List<String> problems(Tensors actual, Map<String, int[]> expected) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            String name = e.getKey();
            int[] want = e.getValue();
            Tensor t = actual.find(name).orElse(null);
            if (t == null) {
                problems.add("missing tensor '" + name + "' (the model expects shape "
                        + Tensor.shapeString(want) + ")" + suggestion(name, actual.names(), expected));
            } else if (!Arrays.equals(t.shape(), want)) {
                problems.add("tensor '" + name + "' has shape " + Tensor.shapeString(t.shape())
                        + ", the model expects " + Tensor.shapeString(want));
            }
        }
        for (String name : actual.names()) {
            if (!expected.containsKey(name) && !name.endsWith(PYTORCH_BOOKKEEPING)) {
                problems.add("unexpected tensor '" + name + "' with shape "
                        + Tensor.shapeString(actual.get(name).shape())
                        + " (the model has no parameter of that name)");
            }
        }
        return problems;
    }

    /** Suggests a file tensor with a close name that the model does not claim, as a hint. */
    private static String suggestion(String missing, List<String> present, Map<String, int[]> expected) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String p : present) {
            if (expected.containsKey(p)) {
                continue;
            }
            int d = editDistance(missing, p);
            if (d < bestDistance) {
                bestDistance = d;
                best = p;
            }
        }
        boolean close = best != null && bestDistance <= Math.max(2, missing.length() / 4);
        return close ? "; the file has '" + best + "': renamed layer?" : "";
    }

    /** Levenshtein distance, two-row dynamic programming. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
