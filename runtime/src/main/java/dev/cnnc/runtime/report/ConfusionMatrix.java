package dev.cnnc.runtime.report;

import dev.cnnc.runtime.train.Evaluator;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts of (actual class, predicted class) pairs, and the metrics derived from them.
 *
 * <p>Row = actual class, column = predicted class (scikit-learn's convention). The prediction for
 * a sample is the index of its largest output (the first one on ties, as {@code torch.argmax}).
 * Per class c, with tp = count[c][c]:
 * <pre>
 * precision = tp / Σ_a count[a][c]      (0 when the class is never predicted)
 * recall    = tp / Σ_p count[c][p]      (0 when the class never occurs)
 * F1        = 2·precision·recall / (precision + recall)   (0 when both are 0)
 * </pre>
 * as scikit-learn's {@code classification_report} with {@code zero_division=0}.
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    /** Creates an empty matrix for {@code classes} classes. */
    public ConfusionMatrix(int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be positive, got " + classes);
        }
        this.counts = new long[classes][classes];
    }

    /** Returns the number of classes. */
    public int classes() {
        return counts.length;
    }

    /** Counts one sample. */
    public void add(int actual, int predicted) {
        counts[check(actual)][check(predicted)]++;
    }

    /** Counts a batch of outputs {@code [batch, classes]} by their argmax against the labels. */
    public void addBatch(float[] outputs, int[] labels, int batch) {
        int k = classes();
        for (int n = 0; n < batch; n++) {
            add(labels[n], argmax(outputs, n * k, k));
        }
    }

    /** Returns the index of the largest of {@code count} values from {@code offset} (first on ties). */
    public static int argmax(float[] v, int offset, int count) {
        return Evaluator.argmax(v, offset, count);
    }

    /** Adds another matrix's counts into this one. */
    public void addAll(ConfusionMatrix other) {
        if (other.classes() != classes()) {
            throw new IllegalArgumentException("cannot add a " + other.classes() + "-class matrix to a "
                    + classes() + "-class one");
        }
        for (int a = 0; a < classes(); a++) {
            for (int p = 0; p < classes(); p++) {
                counts[a][p] += other.counts[a][p];
            }
        }
    }

    /** Returns the number of samples with this actual and predicted class. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** Returns the number of samples counted. */
    public long total() {
        long t = 0;
        for (long[] row : counts) {
            for (long c : row) {
                t += c;
            }
        }
        return t;
    }

    /** Returns the number of correctly classified samples (the diagonal). */
    public long correct() {
        long t = 0;
        for (int c = 0; c < classes(); c++) {
            t += counts[c][c];
        }
        return t;
    }

    /** Returns correct / total, 0 for an empty matrix. */
    public double accuracy() {
        long t = total();
        return t == 0 ? 0 : (double) correct() / t;
    }

    /** Returns how many samples of class c there are (its row sum). */
    public long support(int c) {
        long s = 0;
        for (long v : counts[check(c)]) {
            s += v;
        }
        return s;
    }

    /** Returns how often class c was predicted (its column sum). */
    public long predicted(int c) {
        long s = 0;
        for (long[] row : counts) {
            s += row[check(c)];
        }
        return s;
    }

    /** Returns the precision of class c. */
    public double precision(int c) {
        long p = predicted(c);
        return p == 0 ? 0 : (double) counts[c][c] / p;
    }

    /** Returns the recall of class c. */
    public double recall(int c) {
        long s = support(c);
        return s == 0 ? 0 : (double) counts[c][c] / s;
    }

    /** Returns the F1 score of class c. */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Returns the unweighted mean over classes of a per-class metric (macro average). */
    public double macro(java.util.function.IntToDoubleFunction metric) {
        double s = 0;
        for (int c = 0; c < classes(); c++) {
            s += metric.applyAsDouble(c);
        }
        return s / classes();
    }

    /** Returns the support-weighted mean over classes of a per-class metric. */
    public double weighted(java.util.function.IntToDoubleFunction metric) {
        long t = total();
        if (t == 0) {
            return 0;
        }
        double s = 0;
        for (int c = 0; c < classes(); c++) {
            s += metric.applyAsDouble(c) * support(c);
        }
        return s / t;
    }

    /**
     * Returns {@code confusion.csv}: a header {@code actual\predicted,NAME...} and one row per
     * actual class, {@code NAME,COUNT...}.
     */
    public String toCsv(List<String> names) {
        List<String> n = names(names);
        StringBuilder sb = new StringBuilder("actual\\predicted");
        for (String name : n) {
            sb.append(',').append(csvCell(name));
        }
        sb.append('\n');
        for (int a = 0; a < classes(); a++) {
            sb.append(csvCell(n.get(a)));
            for (int p = 0; p < classes(); p++) {
                sb.append(',').append(counts[a][p]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Returns the given class names, or {@code 0, 1, ...} when the list is empty. */
    List<String> names(List<String> names) {
        if (names.isEmpty()) {
            List<String> out = new ArrayList<>();
            for (int c = 0; c < classes(); c++) {
                out.add(Integer.toString(c));
            }
            return out;
        }
        if (names.size() != classes()) {
            throw new IllegalArgumentException(names.size() + " class names for " + classes() + " classes");
        }
        return names;
    }

    private static String csvCell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private int check(int c) {
        if (c < 0 || c >= counts.length) {
            throw new IllegalArgumentException("class " + c + " outside [0, " + counts.length + ")");
        }
        return c;
    }
}
