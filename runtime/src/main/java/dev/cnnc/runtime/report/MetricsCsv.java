package dev.cnnc.runtime.report;

import dev.cnnc.runtime.train.EpochMetrics;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code metrics.csv}: one row per epoch with the columns of contract §2.
 *
 * <pre>
 * epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds
 * 1,0.512345,0.8123,0.401234,0.8567,0.001,12.345
 * </pre>
 * Accuracies are fractions in [0, 1]. Losses, accuracies and lr are written with 6 significant
 * digits ({@link #render}) or exactly ({@link #renderExact}, for checkpoints); seconds with 3
 * decimals. Validation cells are empty when there is no validation data. Non-finite values are
 * written {@code nan}, {@code inf}, {@code -inf} (what Python and pandas read). Line ends are
 * {@code \n}; the decimal separator is always {@code .}.
 */
public final class MetricsCsv {
    /** The header line. */
    public static final String HEADER = "epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds";

    private static final MathContext SIX = new MathContext(6);

    private MetricsCsv() {
    }

    /** Returns the file content for the given epochs, 6 significant digits. */
    public static String render(List<EpochMetrics> epochs) {
        return render(epochs, false);
    }

    /** Returns the file content with every value written exactly (round-trips through {@link #parse}). */
    public static String renderExact(List<EpochMetrics> epochs) {
        return render(epochs, true);
    }

    private static String render(List<EpochMetrics> epochs, boolean exact) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (EpochMetrics m : epochs) {
            sb.append(m.epoch()).append(',')
                    .append(num(m.trainLoss(), exact)).append(',')
                    .append(num(m.trainAccuracy(), exact)).append(',')
                    .append(opt(m.valLoss(), exact)).append(',')
                    .append(opt(m.valAccuracy(), exact)).append(',')
                    .append(num(m.lr(), exact)).append(',')
                    .append(exact ? num(m.seconds(), true) : seconds(m.seconds())).append('\n');
        }
        return sb.toString();
    }

    /**
     * Parses a file written by {@link #render} or {@link #renderExact}.
     *
     * @throws IllegalArgumentException naming the line when a row is malformed
     */
    public static List<EpochMetrics> parse(String text) {
        String[] lines = text.split("\n", -1);
        if (!lines[0].strip().equals(HEADER)) {
            throw new IllegalArgumentException("line 1: expected the header " + HEADER + ", found " + lines[0]);
        }
        List<EpochMetrics> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] c = line.split(",", -1);
            if (c.length != 7) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 7 cells, found " + c.length);
            }
            try {
                out.add(new EpochMetrics(Integer.parseInt(c[0]), parseNum(c[1]), parseNum(c[2]), parseOpt(c[3]),
                        parseOpt(c[4]), parseNum(c[5]), parseNum(c[6])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Formats a number with 6 significant digits, plain notation, no trailing zeros. */
    public static String sig6(double v) {
        return num(v, false);
    }

    private static String num(double v, boolean exact) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (exact) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(SIX).stripTrailingZeros().toPlainString();
    }

    private static String seconds(double s) {
        return Double.isFinite(s) ? String.format(java.util.Locale.ROOT, "%.3f", s) : num(s, false);
    }

    private static String opt(OptionalDouble v, boolean exact) {
        return v.isPresent() ? num(v.getAsDouble(), exact) : "";
    }

    private static double parseNum(String s) {
        switch (s) {
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(s);
        }
    }

    private static OptionalDouble parseOpt(String s) {
        return s.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(parseNum(s));
    }
}
