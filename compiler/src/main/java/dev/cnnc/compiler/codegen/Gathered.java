package dev.cnnc.compiler.codegen;

/**
 * The text of the gathered kernels' shared steps (the gathered dx and dW of
 * {@link ConvBackwardColumnsEmitter}, the gathered forward of {@link GatheredConvEmitter}): the
 * non-zero coefficients gathered without a branch, their sums in groups of four rows, and those
 * sums over a convolution window's runs copied side by side into a slot. The generated code names
 * the gathered values {@code gv}, their indices {@code gi} (as floats: exact below 2^24) and their
 * count {@code m}.
 */
final class Gathered {
    private Gathered() {
    }

    /**
     * {@code int m} and the values {@code value} (a format of {@code j < count}) that are not zero,
     * with their {@code j}, in {@code gv[0 .. m-1]} and {@code gi}, gathered without a branch (the
     * signs of a ReLU's inputs mispredict).
     */
    static void nonZero(StringBuilder s, String count, String value) {
        s.append("int m = 0;\nfor (int j = 0; j < ").append(count).append("; j++) { final float g = ").append(value)
                .append("; gv[m] = g; gi[m] = j; m += g != 0f ? 1 : 0; }\n");
    }

    /**
     * {@code out[x] += Σ gv[i] · row(i)[x]} over the {@code m} gathered values, {@code x < length}:
     * groups of {@link CostModel#COLUMNS_TERMS} rows per loop, then one row at a time.
     */
    static void sums(StringBuilder s, String row, String out, String length) {
        int group = CostModel.COLUMNS_TERMS;
        s.append("int i = 0;\nfor (; i + ").append(group - 1).append(" < m; i += ").append(group).append(") {\n");
        RowSums.textGroup(s, "i", group, "gv[%s]", row, out, length, false);
        s.append("}\nfor (; i < m; i++) {\n");
        RowSums.textGroup(s, "i", 1, "gv[%s]", row, out, length, false);
        s.append("}\n");
    }

    /**
     * {@link #sums} over a window of {@code runs.length} runs of {@code run} floats of
     * {@code array} (run r from the expression {@code runs[r]}): the runs are copied side by side
     * into the slot {@code a}, summed there by one loop over {@code runs.length · run} floats, and
     * copied back. A loop storing into {@code array} at a run-time offset would be left scalar by C2
     * (JDK 17), which cannot tell that store from the rows' loads.
     */
    static void windowSums(StringBuilder s, String array, String[] runs, long run, String row) {
        for (int r = 0; r < runs.length; r++) {
            s.append("System.arraycopy(").append(array).append(", ").append(runs[r]).append(", a, ").append(r * run)
                    .append(", ").append(run).append(");\n");
        }
        sums(s, row, "a", String.valueOf(runs.length * run));
        for (int r = 0; r < runs.length; r++) {
            s.append("System.arraycopy(a, ").append(r * run).append(", ").append(array).append(", ").append(runs[r])
                    .append(", ").append(run).append(");\n");
        }
    }
}
