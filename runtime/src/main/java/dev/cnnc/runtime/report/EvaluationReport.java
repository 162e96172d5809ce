package dev.cnnc.runtime.report;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of {@code cnnc evaluate}: mean loss, accuracy, per-class precision, recall and F1,
 * and the confusion matrix, rendered as text for people or JSON for programs.
 *
 * @param loss the mean loss over all samples
 * @param matrix the confusion matrix
 * @param classNames the class names from the spec, or empty to use the indices
 */
public record EvaluationReport(double loss, ConfusionMatrix matrix, List<String> classNames) {
    /** Checks the names fit the matrix. */
    public EvaluationReport {
        Objects.requireNonNull(matrix, "matrix");
        classNames = List.copyOf(matrix.names(classNames));
    }

    /** Returns the accuracy, correct / total. */
    public double accuracy() {
        return matrix.accuracy();
    }

    /** Renders the report as aligned text, in the style of scikit-learn's classification_report. */
    public String toText() {
        int w = Math.max(12, classNames.stream().mapToInt(String::length).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "loss      %.4f%n", loss));
        sb.append(String.format(Locale.ROOT, "accuracy  %.4f (%d / %d)%n%n", accuracy(), matrix.correct(),
                matrix.total()));
        String row = "%-" + w + "s  %9s  %9s  %9s  %9s%n";
        String num = "%-" + w + "s  %9.4f  %9.4f  %9.4f  %9d%n";
        sb.append(String.format(Locale.ROOT, row, "class", "precision", "recall", "f1-score", "support"));
        for (int c = 0; c < matrix.classes(); c++) {
            sb.append(String.format(Locale.ROOT, num, classNames.get(c), matrix.precision(c), matrix.recall(c),
                    matrix.f1(c), matrix.support(c)));
        }
        sb.append(String.format(Locale.ROOT, num, "macro avg", matrix.macro(matrix::precision),
                matrix.macro(matrix::recall), matrix.macro(matrix::f1), matrix.total()));
        sb.append(String.format(Locale.ROOT, num, "weighted avg", matrix.weighted(matrix::precision),
                matrix.weighted(matrix::recall), matrix.weighted(matrix::f1), matrix.total()));
        sb.append(System.lineSeparator()).append("confusion matrix (rows: actual, columns: predicted)")
                .append(System.lineSeparator());
        appendMatrix(sb, w);
        return sb.toString();
    }

    private void appendMatrix(StringBuilder sb, int w) {
        int cell = 5;
        for (String n : classNames) {
            cell = Math.max(cell, n.length());
        }
        for (int a = 0; a < matrix.classes(); a++) {
            for (int p = 0; p < matrix.classes(); p++) {
                cell = Math.max(cell, Long.toString(matrix.count(a, p)).length());
            }
        }
        sb.append(" ".repeat(w));
        for (String n : classNames) {
            sb.append("  ").append(String.format(Locale.ROOT, "%" + cell + "s", n));
        }
        sb.append(System.lineSeparator());
        for (int a = 0; a < matrix.classes(); a++) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s", classNames.get(a)));
            for (int p = 0; p < matrix.classes(); p++) {
                sb.append("  ").append(String.format(Locale.ROOT, "%" + cell + "d", matrix.count(a, p)));
            }
            sb.append(System.lineSeparator());
        }
    }

    /**
     * Renders the report as one JSON object:
     * {@code {"loss", "accuracy", "correct", "total", "classes": [{"name", "precision", "recall",
     * "f1", "support"}...], "macro_avg": {...}, "weighted_avg": {...}, "confusion": [[...]...]}}
     * (confusion rows are actual classes). Non-finite numbers become {@code null}.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"loss\":").append(json(loss)).append(",\"accuracy\":").append(json(accuracy()))
                .append(",\"correct\":").append(matrix.correct()).append(",\"total\":").append(matrix.total())
                .append(",\"classes\":[");
        for (int c = 0; c < matrix.classes(); c++) {
            sb.append(c > 0 ? "," : "").append("{\"name\":").append(quote(classNames.get(c)))
                    .append(",\"precision\":").append(json(matrix.precision(c)))
                    .append(",\"recall\":").append(json(matrix.recall(c)))
                    .append(",\"f1\":").append(json(matrix.f1(c)))
                    .append(",\"support\":").append(matrix.support(c)).append('}');
        }
        sb.append("],\"macro_avg\":").append(avg(false)).append(",\"weighted_avg\":").append(avg(true))
                .append(",\"confusion\":[");
        for (int a = 0; a < matrix.classes(); a++) {
            sb.append(a > 0 ? "," : "").append('[');
            for (int p = 0; p < matrix.classes(); p++) {
                sb.append(p > 0 ? "," : "").append(matrix.count(a, p));
            }
            sb.append(']');
        }
        return sb.append("]}").toString();
    }

    private String avg(boolean weighted) {
        ConfusionMatrix m = matrix;
        double p = weighted ? m.weighted(m::precision) : m.macro(m::precision);
        double r = weighted ? m.weighted(m::recall) : m.macro(m::recall);
        double f = weighted ? m.weighted(m::f1) : m.macro(m::f1);
        return "{\"precision\":" + json(p) + ",\"recall\":" + json(r) + ",\"f1\":" + json(f) + "}";
    }

    static String json(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (ch < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
